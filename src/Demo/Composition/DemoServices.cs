namespace Bus.Demo.Composition;

/// <summary>The consumer services the demo runs, by the names it reports them under.</summary>
public static class DemoServices
{
    public const string Marketing = "Marketing";
    public const string Shipping = "Shipping";
    public const string Notifications = "Notifications";

    public static IReadOnlyList<string> All { get; } = [Marketing, Shipping, Notifications];
}
