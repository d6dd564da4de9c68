using System.Diagnostics;
using Bus.Demo.Composition;
using Bus.Demo.Replay;
using Bus.StandIns.Hosting;
using Bus.StreamBridge.Records;

namespace Bus.Demo;

/// <summary>
/// One demo run: the stand-ins and the composition are started, every batch goes through the bridge's pipeline as a
/// Lambda invocation would, the services are given time to go quiet after each file (so what one file changes is
/// settled before the next, as with a stream read in order), the largest batch is delivered again, and what every
/// external system received is collected. Everything started is stopped again.
/// </summary>
public static class DemoRun
{
    public static async Task<DemoOutcome> RunAsync(IReadOnlyList<BatchFile> files, DemoSettings settings, IProgress<DemoProgressUpdate>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(settings);
        var clock = Stopwatch.StartNew();
        var total = files.Sum(f => f.Records);
        progress?.Report(new DemoProgressUpdate(DemoStage.Starting, null, 0, total, 0));

        await using var standIns = await StandInServer.StartAsync(StandInOptions.OnFreeLoopbackPorts(), cancellationToken: cancellationToken);
        await using var composition = await DemoComposition.StartAsync(settings, standIns, cancellationToken);
        var monitor = composition.Monitor;
        var done = 0;

        void Report(DemoStage stage, string? file) => progress?.Report(new DemoProgressUpdate(stage, file, done, total, monitor.TotalConsumed));

        async Task<bool> Settle(string file)
        {
            return await monitor.WaitForQuietAsync(composition.OutboxesDrainedAsync, settings.QuietPeriod, settings.QuietTimeout,
                () => Report(DemoStage.Waiting, file), cancellationToken);
        }

        var outcomes = new List<FileOutcome>();
        var quiet = true;
        foreach (var file in files)
        {
            var totals = BatchTotals.None;
            var failures = new List<FailedRecordReport>();
            foreach (var batch in file.Events)
            {
                Report(DemoStage.Replaying, file.Name);
                (totals, var failed) = await Process(composition, file, batch, totals, cancellationToken);
                failures.AddRange(failed);
                done += batch.Records.Count;
            }

            outcomes.Add(new FileOutcome(file.Path, totals, failures));
            if (!(quiet = await Settle(file.Name)))
            {
                break;
            }
        }

        RedeliveryOutcome? redelivery = null;
        if (quiet && settings.Redeliver && Largest(files) is var (redelivered, batchToRepeat) && batchToRepeat.Records.Count > 0)
        {
            Report(DemoStage.Redelivering, redelivered.Name);
            var (totals, failures) = await Process(composition, redelivered, batchToRepeat, BatchTotals.None, cancellationToken);
            redelivery = new RedeliveryOutcome(redelivered.Path, batchToRepeat.Index, totals, failures);
            quiet = await Settle(redelivered.Name);
        }

        Report(DemoStage.Done, null);
        var duplicates = await composition.InboxDuplicatesAsync(cancellationToken);
        return new DemoOutcome
        {
            Files = outcomes,
            Redelivery = redelivery,
            Services = [.. DemoServices.All.Select(service =>
            {
                var activity = monitor.ActivityOf(service);
                return new ServiceOutcome(service, activity.Consumed, duplicates[service], activity.Faulted);
            })],
            Effects = standIns.Effects.Snapshot(),
            Faults = monitor.Faults,
            Quiet = quiet,
            FailedRecordsDirectory = composition.FailedRecordsDirectory,
            DataDirectory = composition.DataDirectory,
            Elapsed = clock.Elapsed,
        };
    }

    private static async Task<(BatchTotals Totals, IReadOnlyList<FailedRecordReport> Failures)> Process(
        DemoComposition composition, BatchFile file, StreamEvent batch, BatchTotals totals, CancellationToken cancellationToken)
    {
        var result = await composition.Bridge.ProcessAsync(batch, cancellationToken);
        var failures = result.Failures
            .Select(f => new FailedRecordReport(file.Path, batch.Index, f.Position, f.EventId, f.Checkpoint, f.Reason, f.Stored))
            .ToList();
        return (totals.Add(result), failures);
    }

    private static (BatchFile File, StreamEvent Batch)? Largest(IReadOnlyList<BatchFile> files) =>
        files.SelectMany(file => file.Events.Select(batch => (file, batch)))
            .OrderByDescending(x => x.batch.Records.Count)
            .Cast<(BatchFile, StreamEvent)?>()
            .FirstOrDefault();
}
