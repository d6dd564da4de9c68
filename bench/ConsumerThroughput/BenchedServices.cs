namespace Bus.ConsumerThroughput;

/// <summary>The services the benchmark knows; <c>--service all</c> runs them in this order.</summary>
public static class BenchedServices
{
    public static IReadOnlyList<IBenchedService> All { get; } = [new MarketingBench(), new ShippingBench()];

    public static IReadOnlyList<IBenchedService> Select(string name) => name == "all"
        ? All
        : All.Where(s => s.Name == name).ToList() is { Count: > 0 } one ? one : throw new ArgumentException($"Unknown service '{name}'; expected {string.Join('|', All.Select(s => s.Name))}|all");
}
