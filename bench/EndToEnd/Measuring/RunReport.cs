using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bus.EndToEnd.Feeding;
using Bus.StandIns.Recording;

namespace Bus.EndToEnd.Measuring;

/// <summary>The figures of a run, worked out from what was fed, published, received and sampled; printed and written to
/// <c>summary.json</c>, <c>timeline.csv</c> and <c>latencies.csv</c> in the run directory.</summary>
internal sealed class RunReport
{
    private static readonly string[] ProcessOrder = ["bridge", "standins", "marketing", "shipping", "notifications"];
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private static readonly string[] LatencyHeader = ["system,key,created_utc,received_utc,latency_ms,bridge_ms"];
    private static readonly string[] TimelineHeader = ["utc,effects_performed,load1,busy," + string.Join(',', ProcessOrder.Select(p => p + "_cpu_s"))];

    public required RunOptions Options { get; init; }

    public required string RunId { get; init; }

    public required string RunDirectory { get; init; }

    public required FeedResult Feed { get; init; }

    public required IReadOnlyList<PublishedEvent> Published { get; init; }

    public required int PublishedInPhase { get; init; }

    public required int PublishFaults { get; init; }

    public required IReadOnlyDictionary<string, DateTimeOffset> Created { get; init; }

    public required IReadOnlySet<string> MeasuredEventIds { get; init; }

    public required EffectsReport Effects { get; init; }

    public required EffectCheck Check { get; init; }

    public required bool Settled { get; init; }

    public required IReadOnlyList<(string Name, long Ready, long Unacked)> Queues { get; init; }

    public required int FailedRecords { get; init; }

    public required PhaseSample Before { get; init; }

    public required PhaseSample After { get; init; }

    public required IReadOnlySet<int> Backends { get; init; }

    public required DatabaseActivity DatabaseBefore { get; init; }

    public required DatabaseActivity DatabaseAfter { get; init; }

    public required IReadOnlyList<Progress> Progress { get; init; }

    public required MachineSample MachineAtStart { get; init; }

    /// <summary>Published events whose decoded creation time differs from the one written into the record.</summary>
    public int CreationTimeMismatches => Published.Count(e => Created.TryGetValue(e.StreamEventId, out var written) && written != e.CreatedAt);

    public IReadOnlyList<(string Name, long Messages)> BusyQueues =>
        [.. Queues.Where(q => !IsDeadLetter(q.Name) && q.Ready + q.Unacked > 0).Select(q => (q.Name, q.Ready + q.Unacked))];

    public IReadOnlyList<(string Name, long Messages)> DeadLetters =>
        [.. Queues.Where(q => IsDeadLetter(q.Name) && q.Ready + q.Unacked > 0).Select(q => (q.Name, q.Ready + q.Unacked))];

    public bool Correct => Check.Correct && Settled && BusyQueues.Count == 0 && DeadLetters.Count == 0 && FailedRecords == 0
        && PublishFaults == 0 && CreationTimeMismatches == 0;

    public async Task WriteAsync(TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var latencies = MeasuredLatencies();
        var text = Text(latencies);
        await output.WriteAsync(text);
        await File.WriteAllTextAsync(Path.Combine(RunDirectory, "report.txt"), text, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(RunDirectory, "summary.json"), Json(latencies).ToJsonString(new JsonSerializerOptions { WriteIndented = true }), cancellationToken);
        await File.WriteAllLinesAsync(Path.Combine(RunDirectory, "latencies.csv"),
            LatencyHeader.Concat(latencies.Select(l => string.Create(Invariant,
                $"{l.Effect.System},{l.Effect.Key},{l.Created:O},{l.Effect.ReceivedUtc:O},{l.LatencyMs:F1},{l.BridgeMs:F1}"))), cancellationToken);
        await File.WriteAllLinesAsync(Path.Combine(RunDirectory, "timeline.csv"),
            TimelineHeader.Concat(Progress.Select(p => string.Create(Invariant,
                $"{p.At:O},{p.Performed},{p.Load1:F2},{p.Busy:F3},{string.Join(',', ProcessOrder.Select(name => p.CpuSeconds.GetValueOrDefault(name, double.NaN).ToString("F2", Invariant)))}"))), cancellationToken);
    }

    /// <summary>What a process handled in the measured phase, as the unit of its CPU cost.</summary>
    private long MessagesOf(string process, List<Latency> latencies)
    {
        var inbox = Database().InboxMessages;
        long Calls(params string[] systems) => latencies.Count(l => systems.Contains(l.Effect.System));
        return process switch
        {
            "bridge" => PublishedInPhase,
            "standins" => latencies.Count,
            "marketing" => inbox.GetValueOrDefault("marketing") + Calls("MarketingPlatform"),
            "shipping" => inbox.GetValueOrDefault("shipping") + Calls("ShippingSystem"),
            "notifications" => inbox.GetValueOrDefault("notifications") + Calls("Email", "Sms", "Purchasing"),
            _ => 0,
        };
    }

    /// <summary>The database's work over the measured phase.</summary>
    private DatabaseActivity Database() => new(
        DatabaseAfter.Commits - DatabaseBefore.Commits,
        DatabaseAfter.Rollbacks - DatabaseBefore.Rollbacks,
        DatabaseAfter.Inserted - DatabaseBefore.Inserted,
        DatabaseAfter.Updated - DatabaseBefore.Updated,
        DatabaseAfter.Deleted - DatabaseBefore.Deleted,
        DatabaseAfter.InboxMessages.ToDictionary(kv => kv.Key, kv => kv.Value - DatabaseBefore.InboxMessages.GetValueOrDefault(kv.Key), StringComparer.Ordinal));

    private static bool IsDeadLetter(string queue) => queue.EndsWith("_error", StringComparison.Ordinal) || queue.EndsWith("_skipped", StringComparison.Ordinal);

    private List<Latency> MeasuredLatencies()
    {
        var publishedAt = new Dictionary<(string, string), DateTimeOffset>();
        foreach (var e in Published)
        {
            publishedAt[(e.StreamEventId, e.EventType)] = e.PublishedAt;
        }

        var result = new List<Latency>();
        foreach (var effect in Effects.Systems.Values.SelectMany(s => s.Effects))
        {
            var parts = effect.Key.Split(':');
            if (parts.Length != 3 || !MeasuredEventIds.Contains(parts[1]) || !Created.TryGetValue(parts[1], out var created))
            {
                continue;
            }

            var bridge = publishedAt.TryGetValue((parts[1], parts[2]), out var at) ? (at - created).TotalMilliseconds : double.NaN;
            result.Add(new Latency(effect, created, (effect.ReceivedUtc - created).TotalMilliseconds, bridge));
        }

        return [.. result.OrderBy(l => l.Effect.ReceivedUtc)];
    }

    private string Text(List<Latency> latencies)
    {
        var s = new StringBuilder();
        void Line(FormattableString line) => s.AppendLine(line.ToString(Invariant));
        var feedSeconds = Feed.Elapsed.TotalSeconds;
        var all = new Distribution(latencies.Select(l => l.LatencyMs));
        var bridge = new Distribution(latencies.Select(l => l.BridgeMs).Where(double.IsFinite));
        var phaseSeconds = (After.Machine.At - Before.Machine.At).TotalSeconds;

        s.AppendLine();
        Line($"== End to end, {(Options.Steady ? $"steady {Options.Rate:F0} records/s for {Options.DurationSeconds:F0} s" : $"saturation, {Options.Records} records in batches of {Options.BatchSize}")} (run {RunId}, seed {Options.Seed}, spacing {Options.Spacing})");
        Line($"feed:       {Feed.Records} records in {feedSeconds:F1} s = {Feed.Records / feedSeconds:F0} records/s; {PublishedInPhase} events published and confirmed = {PublishedInPhase / feedSeconds:F0} events/s; {Feed.Batches} batches, {Feed.Retries} retried; feeder behind schedule by at most {Feed.MaxLag.TotalMilliseconds:F0} ms");
        if (latencies.Count > 0)
        {
            var last = latencies[^1].Effect.ReceivedUtc;
            var toLast = (last - Feed.StartedAt).TotalSeconds;
            var inFeed = latencies.Count(l => l.Effect.ReceivedUtc <= Feed.EndedAt);
            Line($"effects:    {latencies.Count} from the measured records ({latencies.Count / (double)PublishedInPhase:F2} per event); {inFeed} arrived while feeding ({inFeed / feedSeconds:F0}/s), the last {toLast:F1} s after feeding began");
            Line($"throughput: effects/s {latencies.Count / toLast:F0} from the start of feeding to the last effect, {SteadyRate(latencies):F0} between the 10th and 90th percentile of arrival; events/s end to end (published events / time to the last effect) {PublishedInPhase / toLast:F0}");
        }

        Line($"latency:    change created -> effect received, ms: p50 {all.Percentile(50):F0}  p90 {all.Percentile(90):F0}  p99 {all.Percentile(99):F0}  max {all.Max:F0}  mean {all.Mean:F0}  (n = {all.Count})");
        Line($"            of it the bridge (created -> publish confirmed), ms: p50 {bridge.Percentile(50):F0}  p99 {bridge.Percentile(99):F0}  max {bridge.Max:F0}");
        foreach (var system in latencies.GroupBy(l => l.Effect.System).OrderBy(g => Array.IndexOf(Stack.RunStack.Systems, g.Key)))
        {
            var d = new Distribution(system.Select(l => l.LatencyMs));
            Line($"            {system.Key,-17} n {d.Count,6}  p50 {d.Percentile(50),7:F0}  p99 {d.Percentile(99),7:F0}  max {d.Max,7:F0}");
        }

        s.AppendLine(TimelineText(latencies));
        Line($"processes over the measured phase ({phaseSeconds:F1} s, from the start of feeding to the last effect):");
        Line($"  {"process",-14} {"peak RSS MB",11} {"RSS MB",7} {"CPU s",7} {"cores",6} {"CPU s total",11} {"messages",9} {"CPU ms/msg",10}");
        foreach (var name in ProcessOrder.Where(After.Processes.ContainsKey))
        {
            var after = After.Processes[name];
            var cpu = after.CpuSeconds - (Before.Processes.TryGetValue(name, out var b) ? b.CpuSeconds : 0);
            var handled = MessagesOf(name, latencies);
            Line($"  {name,-14} {after.PeakRssBytes / 1048576.0,11:F0} {after.RssBytes / 1048576.0,7:F0} {cpu,7:F1} {cpu / phaseSeconds,6:F2} {after.CpuSeconds,11:F1} {handled,9} {cpu * 1000 / Math.Max(1, handled),10:F1}");
        }

        Line($"  (messages: the bridge's events published; the stand-ins' calls received; a service's domain messages (its inbox rows) and the calls its gateways made)");

        var pgRun = ServerProcesses.CpuBetween(Before.Postgres, After.Postgres, Backends.ToHashSet());
        var pgAll = ServerProcesses.CpuBetween(Before.Postgres, After.Postgres);
        var rabbit = ServerProcesses.CpuBetween(Before.RabbitMq, After.RabbitMq);
        Line($"  {"postgres (run)",-14} {"",11} {"",7} {pgRun,7:F1} {pgRun / phaseSeconds,6:F2}   the run's {Backends.Count} backends");
        Line($"  {"postgres (all)",-14} {"",11} {"",7} {pgAll,7:F1} {pgAll / phaseSeconds,6:F2}   every PostgreSQL process (shared server)");
        Line($"  {"rabbitmq",-14} {"",11} {"",7} {rabbit,7:F1} {rabbit / phaseSeconds,6:F2}   the broker node (shared)");
        var (db, events) = (Database(), (double)PublishedInPhase);
        var messages = db.InboxMessages.Values.Sum();
        Line($"work:       domain messages consumed (inbox rows) {messages} = {messages / events:F2} per event ({string.Join(", ", db.InboxMessages.Select(kv => $"{kv.Key} {kv.Value}"))}), external calls {latencies.Count} = {latencies.Count / events:F2} per event");
        Line($"            PostgreSQL: {db.Commits} commits = {db.Commits / events:F1} per event, {db.Commits / (double)Math.Max(1, messages + latencies.Count):F1} per consumed message or call; {db.Rollbacks} rollbacks; rows inserted {db.Inserted / events:F1}, updated {db.Updated / events:F1}, deleted {db.Deleted / events:F1} per event");
        var loads = Progress.Where(p => p.At >= Before.Machine.At && p.At <= After.Machine.At).Select(p => p.Load1).DefaultIfEmpty(After.Machine.Load1).ToList();
        Line($"machine:    {Environment.ProcessorCount} cores, {After.Machine.BusySince(Before.Machine) * 100:F0} % busy over the phase; load average (1 min) {MachineAtStart.Load1:F1} at the start of the run, {Before.Machine.Load1:F1} when measuring began, mean {loads.Average():F1} max {loads.Max():F1} while measuring, {After.Machine.Load1:F1} at the end (5/15 min: {After.Machine.Load5:F1}/{After.Machine.Load15:F1})");
        Line($"check:      required effects {Check.Required}, optional {Check.Optional} (performed {Check.OptionalPerformed}), performed {Check.Performed} in all; missing {Check.Missing.Count}, unexpected {Check.Unexpected.Count}, duplicate requests {Check.Duplicates}, refused {Check.Refused}");
        Line($"            settled {(Settled ? "yes" : "NO")}; queues busy {BusyQueues.Count}, error/skipped messages {DeadLetters.Sum(q => q.Messages)}, failed records {FailedRecords}, publish faults {PublishFaults}, creation-time mismatches {CreationTimeMismatches}");
        foreach (var missing in Check.Missing.Take(10))
        {
            Line($"            missing {missing.System} {missing.Path} {missing.Key}");
        }

        foreach (var unexpected in Check.Unexpected.Take(10))
        {
            Line($"            unexpected {unexpected.System} {unexpected.Path} {unexpected.Key}");
        }

        foreach (var (name, waiting) in BusyQueues.Concat(DeadLetters))
        {
            Line($"            queue {name}: {waiting} messages");
        }

        Line($"verdict:    {(Correct ? "CORRECT: every required effect exactly once, nothing else" : "NOT CORRECT (see above)")}; files in {RunDirectory}");
        return s.ToString();
    }

    /// <summary>Effects per second between the 10th and the 90th percentile of arrival: the rate once the pipeline is
    /// full and before its tail drains.</summary>
    private static double SteadyRate(List<Latency> latencies)
    {
        var low = latencies[(int)(latencies.Count * 0.1)].Effect.ReceivedUtc;
        var high = latencies[Math.Min(latencies.Count - 1, (int)(latencies.Count * 0.9))].Effect.ReceivedUtc;
        var seconds = (high - low).TotalSeconds;
        return seconds <= 0 ? double.NaN : latencies.Count * 0.8 / seconds;
    }

    private string TimelineText(List<Latency> latencies)
    {
        var s = new StringBuilder();
        // About 12 to 24 rows whatever the run's length: 5 s steps, or multiples of 5 s for long drains.
        var span = latencies.Count == 0 ? 0 : (latencies[^1].Effect.ReceivedUtc - Feed.StartedAt).TotalSeconds;
        var bucket = TimeSpan.FromSeconds(5 * Math.Max(1, Math.Ceiling(span / 5 / 24)));
        s.AppendLine(string.Create(Invariant, $"timeline:   per {bucket.TotalSeconds:F0} s since feeding began: records created, effects arrived, latency p50/p99 (ms) of the effects of the records created then"));
        var buckets = latencies.GroupBy(l => (int)((l.Created - Feed.StartedAt) / bucket)).ToDictionary(g => g.Key);
        var arrived = latencies.GroupBy(l => (int)((l.Effect.ReceivedUtc - Feed.StartedAt) / bucket)).ToDictionary(g => g.Key, g => g.Count());
        var created = Created.Where(c => MeasuredEventIds.Contains(c.Key)).GroupBy(c => (int)((c.Value - Feed.StartedAt) / bucket)).ToDictionary(g => g.Key, g => g.Count());
        var lastBucket = Math.Max(arrived.Keys.DefaultIfEmpty(0).Max(), created.Keys.DefaultIfEmpty(0).Max());
        for (var i = 0; i <= lastBucket; i++)
        {
            var d = new Distribution(buckets.TryGetValue(i, out var group) ? group.Select(l => l.LatencyMs) : []);
            s.AppendLine(string.Create(Invariant,
                $"            {i * bucket.TotalSeconds,5:F0} s  records {created.GetValueOrDefault(i),6}  effects {arrived.GetValueOrDefault(i),6}  p50 {d.Percentile(50),7:F0}  p99 {d.Percentile(99),7:F0}"));
        }

        return s.ToString().TrimEnd();
    }

    private JsonObject Json(List<Latency> latencies)
    {
        var all = new Distribution(latencies.Select(l => l.LatencyMs));
        var bridge = new Distribution(latencies.Select(l => l.BridgeMs).Where(double.IsFinite));
        var phaseSeconds = (After.Machine.At - Before.Machine.At).TotalSeconds;
        var toLast = latencies.Count == 0 ? double.NaN : (latencies[^1].Effect.ReceivedUtc - Feed.StartedAt).TotalSeconds;
        var processes = new JsonObject();
        foreach (var name in ProcessOrder.Where(After.Processes.ContainsKey))
        {
            var after = After.Processes[name];
            processes[name] = new JsonObject
            {
                ["peakRssMiB"] = Round(after.PeakRssBytes / 1048576.0),
                ["cpuSecondsInPhase"] = Round(after.CpuSeconds - (Before.Processes.TryGetValue(name, out var b) ? b.CpuSeconds : 0)),
                ["cpuSecondsTotal"] = Round(after.CpuSeconds),
                ["messages"] = MessagesOf(name, latencies),
            };
        }

        return new JsonObject
        {
            ["runId"] = RunId,
            ["mode"] = Options.Mode,
            ["rate"] = Options.Steady ? Options.Rate : null,
            ["durationSeconds"] = Options.Steady ? Options.DurationSeconds : null,
            ["records"] = Feed.Records,
            ["batchSize"] = Options.Steady ? null : Options.BatchSize,
            ["batchIntervalMs"] = Options.Steady ? Options.BatchIntervalMs : null,
            ["seed"] = Options.Seed,
            ["spacing"] = Options.Spacing,
            ["settings"] = new JsonObject(Options.Settings.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
            ["feedSeconds"] = Round(Feed.Elapsed.TotalSeconds),
            ["recordsPerSecond"] = Round(Feed.Records / Feed.Elapsed.TotalSeconds),
            ["eventsPublished"] = PublishedInPhase,
            ["eventsPublishedPerSecond"] = Round(PublishedInPhase / Feed.Elapsed.TotalSeconds),
            ["effects"] = latencies.Count,
            ["secondsToLastEffect"] = Round(toLast),
            ["effectsPerSecond"] = Round(latencies.Count / toLast),
            ["effectsPerSecondSteady"] = latencies.Count == 0 ? null : Round(SteadyRate(latencies)),
            ["eventsPerSecondEndToEnd"] = Round(PublishedInPhase / toLast),
            ["latencyMs"] = new JsonObject
            {
                ["p50"] = Round(all.Percentile(50)), ["p90"] = Round(all.Percentile(90)), ["p99"] = Round(all.Percentile(99)),
                ["max"] = Round(all.Max), ["mean"] = Round(all.Mean),
            },
            ["bridgeLatencyMs"] = new JsonObject { ["p50"] = Round(bridge.Percentile(50)), ["p99"] = Round(bridge.Percentile(99)), ["max"] = Round(bridge.Max) },
            ["phaseSeconds"] = Round(phaseSeconds),
            ["domainMessages"] = new JsonObject(Database().InboxMessages.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
            ["postgresCommits"] = Database().Commits,
            ["postgresRollbacks"] = Database().Rollbacks,
            ["processes"] = processes,
            ["postgresRunCpuSeconds"] = Round(ServerProcesses.CpuBetween(Before.Postgres, After.Postgres, Backends.ToHashSet())),
            ["postgresAllCpuSeconds"] = Round(ServerProcesses.CpuBetween(Before.Postgres, After.Postgres)),
            ["rabbitMqCpuSeconds"] = Round(ServerProcesses.CpuBetween(Before.RabbitMq, After.RabbitMq)),
            ["machineBusy"] = Round(After.Machine.BusySince(Before.Machine)),
            ["load1AtRunStart"] = MachineAtStart.Load1,
            ["load1AtPhaseStart"] = Before.Machine.Load1,
            ["load1Mean"] = Round(Progress.Select(p => p.Load1).DefaultIfEmpty(After.Machine.Load1).Average()),
            ["load1Max"] = Progress.Select(p => p.Load1).DefaultIfEmpty(After.Machine.Load1).Max(),
            ["load1AtEnd"] = After.Machine.Load1,
            ["requiredEffects"] = Check.Required,
            ["optionalEffects"] = Check.Optional,
            ["performedEffects"] = Check.Performed,
            ["missing"] = Check.Missing.Count,
            ["unexpected"] = Check.Unexpected.Count,
            ["duplicates"] = Check.Duplicates,
            ["refused"] = Check.Refused,
            ["settled"] = Settled,
            ["correct"] = Correct,
        };
    }

    private static double? Round(double value) => double.IsFinite(value) ? Math.Round(value, 2) : null;

    private sealed record Latency(RecordedEffect Effect, DateTimeOffset Created, double LatencyMs, double BridgeMs);
}
