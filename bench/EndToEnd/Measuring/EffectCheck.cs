using Bus.StandIns.Recording;

namespace Bus.EndToEnd.Measuring;

/// <summary>Whether the stand-ins received exactly the effects the published events call for, each once.</summary>
internal sealed record EffectCheck(
    int Required,
    int Optional,
    int Performed,
    int OptionalPerformed,
    IReadOnlyList<ExpectedEffect> Missing,
    IReadOnlyList<RecordedEffect> Unexpected,
    long Duplicates,
    long Refused)
{
    /// <summary>Every required effect performed, nothing performed that no event called for, no repeated or refused request.</summary>
    public bool Correct => Missing.Count == 0 && Unexpected.Count == 0 && Duplicates == 0 && Refused == 0;

    public static EffectCheck Of(IReadOnlyDictionary<string, ExpectedEffect> expected, EffectsReport report)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(report);
        var performed = report.Systems.Values.SelectMany(s => s.Effects).ToList();
        var performedKeys = performed.Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        var unexpected = performed
            .Where(e => !expected.TryGetValue(e.Key, out var wanted) || wanted.System != e.System || wanted.Path != e.Path)
            .ToList();
        var missing = expected.Values.Where(e => e.Required && !performedKeys.Contains(e.Key)).ToList();
        return new EffectCheck(
            expected.Values.Count(e => e.Required),
            expected.Values.Count(e => !e.Required),
            performed.Count,
            expected.Values.Count(e => !e.Required && performedKeys.Contains(e.Key)),
            missing,
            unexpected,
            report.Systems.Values.Sum(s => s.Duplicates),
            report.Systems.Values.Sum(s => s.Rejected + s.Unauthorized + s.Invalid));
    }
}
