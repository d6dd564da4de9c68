namespace Bus.StandIns.Hosting;

/// <summary>The body of <c>GET /health</c>.</summary>
public sealed record StandInHealth(string Status, string System);
