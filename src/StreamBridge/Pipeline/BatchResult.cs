using Bus.StreamBridge.Records;

namespace Bus.StreamBridge.Pipeline;

/// <summary>What became of one batch.</summary>
public sealed record BatchResult
{
    /// <summary>Records in the batch.</summary>
    public int Records { get; init; }

    /// <summary>Records whose events were all published and confirmed.</summary>
    public int Published { get; init; }

    /// <summary>Events published and confirmed.</summary>
    public int Events { get; init; }

    /// <summary>Records acknowledged without events: unrouted by configuration, or item already deleted.</summary>
    public int Skipped { get; init; }

    /// <summary>Repeated deliveries of a change already in the batch (Kinesis may duplicate records).</summary>
    public int Duplicates { get; init; }

    /// <summary>Records kept in the failed-record store.</summary>
    public int Stored { get; init; }

    /// <summary>Records that failed transiently and are reported for retry.</summary>
    public int Failed { get; init; }

    /// <summary>Records not attempted because an earlier record of the same item, or of the batch, failed; Lambda
    /// re-delivers them from the checkpoint.</summary>
    public int NotAttempted { get; init; }

    /// <summary>Failed and stored records, in batch order.</summary>
    public IReadOnlyList<RecordFailure> Failures { get; init; } = [];

    /// <summary>Positions of the records counted in <see cref="NotAttempted"/>, in batch order: with
    /// <see cref="Failures"/>, what tells each record's fate apart from success.</summary>
    public IReadOnlyList<int> NotAttemptedPositions { get; init; } = [];

    /// <summary>The lowest sequence number Lambda must re-deliver from; null when the whole batch succeeded.</summary>
    public SequenceNumber? RetryFrom { get; init; }

    /// <summary>True when every record was published, skipped by configuration, or stored.</summary>
    public bool Succeeded => RetryFrom is null;
}
