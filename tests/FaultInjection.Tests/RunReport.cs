using System.Globalization;
using System.Text;

namespace Bus.FaultInjection.Tests;

/// <summary>The printed result of a run: expected and performed effects, duplicates suppressed, retries, faults, timing.</summary>
public static class RunReport
{
    public static string Format(RunOutcome outcome, ScenarioOptions options)
    {
        var text = new StringBuilder();
        void Line(FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));

        Line($"== {outcome.Name}: seed {outcome.Seed}, {options.Records} records over {options.GenerationTime.TotalSeconds:F0} s ==");
        if (outcome.Failure is not null)
            Line($"FAILED TO RUN: {outcome.Failure}");
        Line($"time: {outcome.Elapsed.TotalSeconds:F0} s in all; start-up {outcome.StartupTime.TotalSeconds:F0} s, generation {outcome.GenerationTime.TotalSeconds:F0} s, settled {(outcome.Settled ? "" : "NOT ")}within {outcome.SettleTime.TotalSeconds:F0} s of every record acknowledged and every fault over");
        Line($"generated: {outcome.Changes} changes; {outcome.GeneratorSummary}");
        Line($"delivered to the bridge: {outcome.RecordsDelivered} records in {outcome.Invocations} invocations ({options.DynamoDbShards} DynamoDB Streams shards, {options.KinesisShards} Kinesis shards; Kinesis copies {outcome.KinesisCopies}, swapped pairs {outcome.KinesisSwaps})");

        var expected = outcome.Expected.Values.GroupBy(e => e.System).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        text.AppendLine();
        Line($"{"system",-18} {"expected",9} {"performed",10} {"missing",8} {"unexpected",11} {"duplicates",11} {"refused",8}");
        foreach (var (system, effects) in outcome.Performed)
        {
            var missing = outcome.Missing.Count(m => m.System == system);
            var unexpected = outcome.Unexpected.Count(u => u.System == system);
            Line($"{system,-18} {expected.GetValueOrDefault(system),9} {effects.Performed,10} {missing,8} {unexpected,11} {effects.Duplicates,11} {effects.Rejected,8}");
        }

        var performedTotal = outcome.Performed.Values.Sum(s => s.Performed);
        var duplicatesAtStandIns = outcome.Performed.Values.Sum(s => s.Duplicates);
        var refused = outcome.Performed.Values.Sum(s => s.Rejected);
        Line($"{"total",-18} {outcome.Expected.Count,9} {performedTotal,10} {outcome.Missing.Count,8} {outcome.Unexpected.Count,11} {duplicatesAtStandIns,11} {refused,8}");
        text.AppendLine();
        Line($"expected {outcome.Expected.Count}, performed {performedTotal} (each exactly once: {(outcome.Missing.Count == 0 && outcome.Unexpected.Count == 0 && outcome.Doubled.Count == 0 ? "yes" : "NO")})");
        Line($"duplicates suppressed: {duplicatesAtStandIns} repeated calls answered by the stand-ins without performing them again; {outcome.InboxDuplicates.Values.Sum()} message copies dropped by the inboxes ({string.Join(", ", outcome.InboxDuplicates.Select(d => $"{d.Key} {d.Value}"))})");
        Line($"retries: {outcome.PartialFailures + outcome.FunctionErrors} batches delivered again by Lambda ({outcome.PartialFailures} after batchItemFailures, {outcome.FunctionErrors} after an error or time-out of the invocation, {outcome.InjectedTimeouts} of them injected), {outcome.RecordsRedelivered} records delivered again; {outcome.InjectedPublishErrors} publish errors and {outcome.InjectedPublishHangs} publish time-outs injected; {refused} external calls refused or timed out by the injected outage and retried");
        if (options.Chaos)
        {
            int Count(string marker) => outcome.FaultLog.Count(line => line.Contains(marker, StringComparison.Ordinal));
            Line($"faults: {outcome.Kills} SIGKILLs of service processes, {Count("RabbitMQ accepting connections again")} RabbitMQ restart(s), {Count("PostgreSQL accepting connections again")} PostgreSQL restart(s), {Count("answering normally again")} external outage(s) of 20 s (as logged below)");
        }
        Line($"failed records kept by the bridge: {outcome.StoredRecords}");
        if (options.CheckReadModels)
            Line($"read models: {outcome.ReadModelRowsChecked} rows compared with the tables' final state, {outcome.ReadModelMismatches.Count} differ");
        Line($"published: {outcome.PublishedMessages} messages reached the broker, {outcome.PublishedCopies} of them copies; {outcome.PublishOrderViolations.Count} changes reached it before an earlier change of their item");
        Line($"per-item order: {outcome.OrderViolations.Count} effects arrived before an effect of an earlier change of the same item");
        var errors = outcome.Queues.Where(q => q.Name.EndsWith("_error", StringComparison.Ordinal)).Sum(q => q.Ready + q.Unacknowledged);
        var busy = outcome.Queues.Where(q => !q.Name.EndsWith("_error", StringComparison.Ordinal) && !q.Name.EndsWith("_skipped", StringComparison.Ordinal)).Sum(q => q.Ready + q.Unacknowledged);
        Line($"queues: {outcome.Queues.Count} in the run's virtual host, {busy} messages left in its queues, {errors} in _error queues");
        Line($"service processes that exited on their own and were started again: {outcome.UnexpectedExits.Count}");
        Line($"processes left running: {outcome.LeftProcesses.Count}");

        Section(text, "fault log (seconds from the start of the generation)", outcome.FaultLog);
        Section(text, "missing effects", outcome.Missing.Select(m => $"{m.System} {m.Path} {m.Key} ({m.Item}, change {m.Change})"));
        Section(text, "unexpected effects", outcome.Unexpected.Select(u => $"{u.System} {u.Path} {u.Key}"));
        Section(text, "recorded twice", outcome.Doubled);
        Section(text, "order violations", outcome.OrderViolations);
        Section(text, "published out of order", outcome.PublishOrderViolations);
        Section(text, "_error queue messages", outcome.ErrorQueueMessages);
        Section(text, "read model differences", outcome.ReadModelMismatches);
        Section(text, "Lambda protocol problems", outcome.ProtocolProblems);
        Section(text, "exits on their own", outcome.UnexpectedExits);
        Section(text, "processes left", outcome.LeftProcesses);
        Line($"logs: {outcome.Directory}");
        return text.ToString();
    }

    private static void Section(StringBuilder text, string title, IEnumerable<string> lines)
    {
        var list = lines.ToList();
        if (list.Count == 0)
            return;
        text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"{title} ({list.Count}):");
        foreach (var line in list.Take(40))
            text.AppendLine("  " + line);
        if (list.Count > 40)
            text.AppendLine(CultureInfo.InvariantCulture, $"  … {list.Count - 40} more");
    }
}
