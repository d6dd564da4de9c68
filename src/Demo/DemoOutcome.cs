using Bus.Demo.Monitoring;
using Bus.Demo.Replay;
using Bus.StandIns.Recording;

namespace Bus.Demo;

/// <summary>Everything a demo run did, for the report and for tests.</summary>
public sealed record DemoOutcome
{
    public required IReadOnlyList<FileOutcome> Files { get; init; }

    public RedeliveryOutcome? Redelivery { get; init; }

    /// <summary>Per service: messages consumed, copies the inbox dropped, messages faulted.</summary>
    public required IReadOnlyList<ServiceOutcome> Services { get; init; }

    /// <summary>What every external system received.</summary>
    public required EffectsReport Effects { get; init; }

    /// <summary>Messages a service gave up on (they went to an <c>_error</c> queue).</summary>
    public required IReadOnlyList<DeliveryFault> Faults { get; init; }

    /// <summary>False when the services were still busy when the wait timed out; the counts are then incomplete.</summary>
    public required bool Quiet { get; init; }

    public required string FailedRecordsDirectory { get; init; }

    /// <summary>Where the services' databases were; gone afterwards unless <c>--data</c> named it.</summary>
    public required string DataDirectory { get; init; }

    public required TimeSpan Elapsed { get; init; }

    /// <summary>The bridge's counts over every file (the redelivery not included).</summary>
    public BatchTotals Totals => Files.Aggregate(BatchTotals.None, (sum, file) => sum.Add(file.Totals));

    public IEnumerable<FailedRecordReport> FailedRecords => Files.SelectMany(f => f.Failures).Concat(Redelivery?.Failures ?? []);

    public bool Succeeded => Quiet && Faults.Count == 0 && Totals.Unsuccessful == 0 && (Redelivery?.Totals.Unsuccessful ?? 0) == 0;
}
