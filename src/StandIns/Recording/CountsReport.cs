namespace Bus.StandIns.Recording;

/// <summary>Every system's counters: the body of <c>GET /_effects/counts</c>.</summary>
/// <param name="Systems">Per system name (<see cref="StandInSystems.All"/>).</param>
public sealed record CountsReport(IReadOnlyDictionary<string, SystemCounts> Systems)
{
    /// <summary>The entry of <paramref name="system"/>, matched case-insensitively.</summary>
    public SystemCounts this[string system] => Systems[StandInSystems.Canonical(system)];

    public int TotalPerformed => Systems.Values.Sum(system => system.Performed);
}
