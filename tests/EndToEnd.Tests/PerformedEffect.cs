namespace Bus.EndToEnd.Tests;

/// <summary>A request an external-system stand-in performed: the first one carrying its idempotency key.</summary>
public sealed record PerformedEffect(string System, string Path, string Key)
{
    public override string ToString() => $"{System} {Path} {Key}";
}
