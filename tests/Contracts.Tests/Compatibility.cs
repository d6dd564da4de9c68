namespace Bus.Contracts.Tests;

/// <summary>
/// Compares a contract with the baseline that consumers were built against, by the rules of docs/contracts.md
/// ("Versioning policy"): what would break such a consumer, and what was only added.
/// </summary>
public static class Compatibility
{
    /// <summary>Changes that break a consumer built against <paramref name="baseline"/> (or one built against
    /// <paramref name="current"/> that receives a message written by the baseline's bridge).</summary>
    public static IReadOnlyList<string> BreakingChanges(WireContract baseline, WireContract current)
    {
        var problems = new List<string>();
        foreach (var (name, before) in baseline.Events)
        {
            if (!current.Events.TryGetValue(name, out var now))
            {
                problems.Add($"event {name} was removed (or renamed): publish a new type beside it instead");
                continue;
            }

            if (now.Urn != before.Urn)
                problems.Add($"event {name}: message URN {before.Urn} became {now.Urn}");
            if (now.EntityName != before.EntityName)
                problems.Add($"event {name}: exchange {before.EntityName ?? "(not pinned)"} became {now.EntityName ?? "(not pinned)"}");
            CompareProperties($"event {name}", before.Properties, now.Properties, problems);
        }

        foreach (var (name, now) in current.Events.Where(e => !baseline.Events.ContainsKey(e.Key)))
        {
            if (now.EntityName is null)
                problems.Add($"event {name} does not pin its exchange with [EntityName]");
        }

        foreach (var (name, before) in baseline.Types)
        {
            // A type no longer listed is no longer used: the property that used it is reported above.
            if (current.Types.TryGetValue(name, out var now))
                CompareProperties($"type {name}", before, now, problems);
        }

        foreach (var (name, before) in baseline.Enums)
        {
            if (!current.Enums.TryGetValue(name, out var now))
                continue; // no longer used by any event: the property that used it is reported
            foreach (var (member, wire) in before)
            {
                if (!now.TryGetValue(member, out var nowWire))
                    problems.Add($"enum {name}: member {member} was removed");
                else if (nowWire != wire)
                    problems.Add($"enum {name}: member {member} is written as {nowWire}, was {wire}");
            }
        }

        return problems;
    }

    /// <summary>What <paramref name="current"/> has that <paramref name="baseline"/> has not: new events, types, properties and
    /// enum members. Allowed, but recorded in the baseline so the next change is compared with them.</summary>
    public static IReadOnlyList<string> Additions(WireContract baseline, WireContract current)
    {
        var added = new List<string>();
        added.AddRange(current.Events.Keys.Except(baseline.Events.Keys).Select(e => $"event {e}"));
        added.AddRange(current.Types.Keys.Except(baseline.Types.Keys).Select(t => $"type {t}"));
        added.AddRange(current.Enums.Keys.Except(baseline.Enums.Keys).Select(e => $"enum {e}"));
        foreach (var (name, now) in current.Events.Where(e => baseline.Events.ContainsKey(e.Key)))
            added.AddRange(now.Properties.Keys.Except(baseline.Events[name].Properties.Keys).Select(p => $"property {p} of event {name}"));
        foreach (var (name, now) in current.Types.Where(t => baseline.Types.ContainsKey(t.Key)))
            added.AddRange(now.Keys.Except(baseline.Types[name].Keys).Select(p => $"property {p} of type {name}"));
        foreach (var (name, now) in current.Enums.Where(e => baseline.Enums.ContainsKey(e.Key)))
            added.AddRange(now.Keys.Except(baseline.Enums[name].Keys).Select(m => $"member {m} of enum {name}"));
        return added;
    }

    private static void CompareProperties(
        string owner, IReadOnlyDictionary<string, WireProperty> before, IReadOnlyDictionary<string, WireProperty> now, List<string> problems)
    {
        foreach (var (name, was) in before)
        {
            if (!now.TryGetValue(name, out var @is))
            {
                problems.Add($"{owner}: property {name} was removed (or renamed)");
                continue;
            }

            if (@is.Type != was.Type)
                problems.Add($"{owner}: property {name} changed type from {was.Type} to {@is.Type}");
            if (@is.Required && !was.Required)
                problems.Add($"{owner}: property {name} became required: a consumer built against it rejects messages without it");
            if (@is.Nullable && !was.Nullable)
                problems.Add($"{owner}: property {name} became nullable: consumers rely on it never being null");
        }

        foreach (var (name, @is) in now.Where(p => !before.ContainsKey(p.Key) && p.Value.Required))
            problems.Add($"{owner}: new property {name} is required: add new properties as optional (not required)");
    }
}
