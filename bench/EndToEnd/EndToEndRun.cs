using System.Diagnostics;
using System.Globalization;
using Bus.EndToEnd.Feeding;
using Bus.EndToEnd.Measuring;
using Bus.EndToEnd.Stack;
using Bus.EndToEnd.Workload;
using Bus.StandIns.Client;
using Bus.StandIns.Recording;

namespace Bus.EndToEnd;

/// <summary>
/// One run: start the stack, warm it up, feed the measured records (steady or saturated), wait until their effects have
/// all arrived, sample every process, check the effects, report, stop everything.
/// </summary>
internal sealed class EndToEndRun(RunOptions options, string repositoryRoot, string configuration)
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);
    private static readonly string[] Schemas = ["marketing", "shipping", "notifications"];

    // PostgreSQL 15 backends flush their statistics at most once a second, and an idle one within 10 s.
    private static readonly TimeSpan StatisticsDelay = TimeSpan.FromSeconds(11);

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var runId = $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(2))}";
        var runDirectory = Path.GetFullPath(options.RunDirectory ?? Path.Combine(repositoryRoot, ".local", "e2e", runId));
        Directory.CreateDirectory(runDirectory);
        var generator = new WorkloadGenerator(options.Seed, options.Spacing);
        var warmup = generator.Take(options.Warmup);
        var measured = generator.Take(options.MeasuredRecords);
        var atStart = MachineSample.Read();

        await using var stack = await RunStack.StartAsync(runId, runDirectory, repositoryRoot, configuration, options.Build, options.KeepData,
            options.Settings, Say, cancellationToken);
        await using var bridge = await BridgeFeeder.StartAsync(stack.BridgeSettings, cancellationToken);
        using var http = new HttpClient { BaseAddress = stack.StandInsUrl, Timeout = TimeSpan.FromSeconds(30) };
        var standIns = new StandInsClient(http);
        var created = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);

        if (warmup.Count > 0)
        {
            Say($"warm-up: {warmup.Count} records at {options.WarmupRate} records/s");
            var warm = await bridge.FeedSteadyAsync(warmup, options.WarmupRate, TimeSpan.FromMilliseconds(options.BatchIntervalMs), cancellationToken);
            Merge(created, warm.CreatedAt);
            var (warmSettled, _, _) = await WaitSettledAsync(stack, standIns, bridge, null, cancellationToken);
            if (!warmSettled)
            {
                Say("FAILED: the warm-up's effects did not settle; see the logs in " + runDirectory);
                return 1;
            }
        }

        var backendsBefore = await stack.Postgres.BackendPidsAsync(stack.Database, cancellationToken);
        var before = Sample(stack);
        var databaseBefore = await stack.Postgres.ActivityAsync(stack.Database, Schemas, cancellationToken);
        Say(options.Steady
            ? $"measuring: {measured.Count} records at {options.Rate} records/s for {options.DurationSeconds} s, a batch every {options.BatchIntervalMs} ms"
            : $"measuring: {measured.Count} records as fast as the bridge takes them, {options.BatchSize} per batch");
        var progress = new List<Progress>();
        var publishedBefore = bridge.Published.Count;
        FeedResult feed;
        using (var feeding = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            var watching = WatchAsync(stack, standIns, progress, feeding.Token);
            feed = options.Steady
                ? await bridge.FeedSteadyAsync(measured, options.Rate, TimeSpan.FromMilliseconds(options.BatchIntervalMs), cancellationToken)
                : await bridge.FeedSaturatedAsync(measured, options.BatchSize, cancellationToken);
            await feeding.CancelAsync();
            await watching;
        }

        Merge(created, feed.CreatedAt);
        var published = bridge.Published.Snapshot();
        Say(string.Create(CultureInfo.InvariantCulture,
            $"fed {feed.Records} records in {feed.Elapsed.TotalSeconds:F1} s ({feed.Records / feed.Elapsed.TotalSeconds:F0} records/s), {published.Count - publishedBefore} events published; waiting for the effects"));
        var (settled, after, drainProgress) = await WaitSettledAsync(stack, standIns, bridge, feed.StartedAt + TimeSpan.FromSeconds(options.DrainTimeoutSeconds), cancellationToken);
        progress.AddRange(drainProgress);
        after ??= Sample(stack);

        var statisticsDue = after.Machine.At + StatisticsDelay - DateTimeOffset.UtcNow;
        if (statisticsDue > TimeSpan.Zero)
        {
            await Task.Delay(statisticsDue, cancellationToken);
        }

        var databaseAfter = await stack.Postgres.ActivityAsync(stack.Database, Schemas, cancellationToken);
        var effects = await standIns.GetEffectsAsync(cancellationToken);
        var queues = await stack.Rabbit.ListQueuesAsync(stack.VirtualHost, cancellationToken);
        var backends = await stack.Postgres.BackendPidsAsync(stack.Database, cancellationToken);
        var failedRecords = Directory.Exists(Path.Combine(runDirectory, "failed-records"))
            ? Directory.EnumerateFiles(Path.Combine(runDirectory, "failed-records"), "*", SearchOption.AllDirectories).Count()
            : 0;

        var measuredIds = measured.Select(r => r.EventId).ToHashSet(StringComparer.Ordinal);
        var report = new RunReport
        {
            Options = options,
            RunId = runId,
            RunDirectory = runDirectory,
            Feed = feed,
            Published = published,
            PublishedInPhase = published.Count - publishedBefore,
            PublishFaults = bridge.Published.Faults,
            Created = created,
            MeasuredEventIds = measuredIds,
            Effects = effects,
            Check = EffectCheck.Of(ExpectedEffects.For(published), effects),
            Settled = settled,
            Queues = queues,
            FailedRecords = failedRecords,
            Before = before,
            After = after,
            Backends = backendsBefore.Union(backends).ToHashSet(),
            DatabaseBefore = databaseBefore,
            DatabaseAfter = databaseAfter,
            Progress = progress,
            MachineAtStart = atStart,
        };
        await report.WriteAsync(Console.Out, cancellationToken);
        return report.Correct ? 0 : 1;
    }

    private static void Say(string line) =>
        Console.WriteLine($"[e2e {DateTime.UtcNow:HH:mm:ss}] {line}");

    private static void Merge(Dictionary<string, DateTimeOffset> into, IReadOnlyDictionary<string, DateTimeOffset> from)
    {
        foreach (var (key, value) in from)
        {
            into[key] = value;
        }
    }

    private static PhaseSample Sample(RunStack stack)
    {
        var processes = new Dictionary<string, ProcessSample>(StringComparer.Ordinal);
        if (ProcessSample.Read(Environment.ProcessId) is { } self)
        {
            processes["bridge"] = self;
        }

        foreach (var process in stack.Processes)
        {
            if (process.Sample() is { } sample)
            {
                processes[process.Name] = sample;
            }
        }

        return new PhaseSample(processes, ServerProcesses.CpuByPid("postgres"), ServerProcesses.CpuByPid("beam.smp"), MachineSample.Read());
    }

    private static Dictionary<string, double> CpuNow(RunStack stack)
    {
        var cpu = new Dictionary<string, double>(StringComparer.Ordinal) { ["bridge"] = ProcessSample.TryCpuSeconds(Environment.ProcessId) ?? double.NaN };
        foreach (var process in stack.Processes)
        {
            cpu[process.Name] = ProcessSample.TryCpuSeconds(process.Pid) ?? double.NaN;
        }

        return cpu;
    }

    /// <summary>Polls the counters once a second while feeding, for the timeline.</summary>
    private static async Task WatchAsync(RunStack stack, StandInsClient standIns, List<Progress> progress, CancellationToken cancellationToken)
    {
        var machine = MachineSample.Read();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(Poll, cancellationToken);
                var now = MachineSample.Read();
                var counts = await standIns.GetCountsAsync(cancellationToken);
                progress.Add(new Progress(now.At, counts.TotalPerformed, now.Load1, now.BusySince(machine), CpuNow(stack)));
                machine = now;
            }
        }
        catch (OperationCanceledException)
        {
            // Feeding ended.
        }
    }

    /// <summary>
    /// Waits until every required effect of the events published so far can have arrived (as many effects performed),
    /// the count has not changed for --settle seconds, and no message waits on any of the run's queues. Returns the
    /// sample taken when the count last changed: the end of the phase, without the quiet seconds that prove it.
    /// </summary>
    private async Task<(bool Settled, PhaseSample? LastChange, List<Progress> Progress)> WaitSettledAsync(
        RunStack stack, StandInsClient standIns, BridgeFeeder bridge, DateTimeOffset? deadline, CancellationToken cancellationToken)
    {
        deadline ??= DateTimeOffset.UtcNow + TimeSpan.FromSeconds(options.DrainTimeoutSeconds);
        var required = ExpectedEffects.For(bridge.Published.Snapshot()).Values.Count(e => e.Required);
        var progress = new List<Progress>();
        var (last, lastChangeAt) = (-1, DateTimeOffset.UtcNow);
        PhaseSample? lastChange = null;
        var machine = MachineSample.Read();
        var lastReport = Stopwatch.StartNew();
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (stack.Processes.FirstOrDefault(p => p.HasExited) is { } gone)
            {
                throw new InvalidOperationException($"{gone.Name} has exited (log {gone.LogPath}):{Environment.NewLine}{gone.Tail()}");
            }

            var counts = await standIns.GetCountsAsync(cancellationToken);
            var now = MachineSample.Read();
            progress.Add(new Progress(now.At, counts.TotalPerformed, now.Load1, now.BusySince(machine), CpuNow(stack)));
            machine = now;
            if (counts.TotalPerformed != last)
            {
                (last, lastChangeAt) = (counts.TotalPerformed, now.At);
                lastChange = Sample(stack);
            }
            else if (counts.TotalPerformed >= required && now.At - lastChangeAt >= TimeSpan.FromSeconds(options.SettleSeconds))
            {
                var busy = (await stack.Rabbit.ListQueuesAsync(stack.VirtualHost, cancellationToken))
                    .Where(q => !q.Name.EndsWith("_error", StringComparison.Ordinal) && !q.Name.EndsWith("_skipped", StringComparison.Ordinal) && q.Ready + q.Unacked > 0)
                    .ToList();
                if (busy.Count == 0)
                {
                    return (true, lastChange, progress);
                }

                Say("effects unchanged but queues busy: " + string.Join(", ", busy.Select(q => $"{q.Name} {q.Ready}+{q.Unacked}")));
                lastChangeAt = now.At;
            }

            if (lastReport.Elapsed > TimeSpan.FromSeconds(10))
            {
                Say($"{counts.TotalPerformed} effects performed of at least {required}");
                lastReport.Restart();
            }

            await Task.Delay(Poll, cancellationToken);
        }

        Say($"the effects did not settle by {deadline:HH:mm:ss}");
        return (false, lastChange, progress);
    }
}
