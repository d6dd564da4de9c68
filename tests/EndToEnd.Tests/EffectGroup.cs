namespace Bus.EndToEnd.Tests;

/// <summary>
/// The effects that the changes of one entity cause at one external system, with every combination of them that is
/// correct. Most groups have one outcome; where the services legitimately decide by the order in which concurrent
/// consumers happen to apply an entity's changes, each possible order's outcome is listed, and nothing else passes.
/// </summary>
/// <param name="System">The external system (a key of the stand-ins' <c>/_effects</c>).</param>
/// <param name="Entity">What the effects are about, for messages.</param>
/// <param name="Outcomes">The correct sets of (path, idempotency key).</param>
public sealed record EffectGroup(string System, string Entity, IReadOnlyList<IReadOnlySet<(string Path, string Key)>> Outcomes)
{
    /// <summary>Every effect any outcome contains.</summary>
    public IReadOnlySet<(string Path, string Key)> Universe { get; } = Outcomes.SelectMany(o => o).ToHashSet();

    /// <summary>Null when <paramref name="performed"/> (all of the system's effects) holds one of the outcomes, else why not.</summary>
    public string? Mismatch(IReadOnlySet<(string Path, string Key)> performed)
    {
        ArgumentNullException.ThrowIfNull(performed);
        var observed = Universe.Where(performed.Contains).ToHashSet();
        return Outcomes.Any(observed.SetEquals)
            ? null
            : $"{System}, {Entity}: performed {Describe(observed)}; correct would be {string.Join(" or ", Outcomes.Select(Describe))}";
    }

    public static string Describe(IEnumerable<(string Path, string Key)> effects)
    {
        var list = effects.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Path} {e.Key}").ToList();
        return list.Count == 0 ? "{}" : "{" + string.Join(", ", list) + "}";
    }
}
