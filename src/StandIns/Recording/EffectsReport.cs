namespace Bus.StandIns.Recording;

/// <summary>What every stand-in has seen: the body of <c>GET /_effects</c>.</summary>
/// <param name="Systems">Per system name (<see cref="StandInSystems.All"/>).</param>
public sealed record EffectsReport(IReadOnlyDictionary<string, SystemEffects> Systems)
{
    /// <summary>The entry of <paramref name="system"/>, matched case-insensitively.</summary>
    public SystemEffects this[string system] => Systems[StandInSystems.Canonical(system)];

    public int TotalPerformed => Systems.Values.Sum(system => system.Performed);

    public long TotalDuplicates => Systems.Values.Sum(system => system.Duplicates);
}
