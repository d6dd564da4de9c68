namespace Bus.StandIns.Hosting;

/// <summary>The answer to a performed request: its key, and whether it repeated one performed before.</summary>
public sealed record StandInReceipt(string System, string Key, bool Duplicate);
