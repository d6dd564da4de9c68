namespace Bus.StreamBridge.Redrive;

/// <summary>One entry of the failed-record store, as redrive reads it back.</summary>
public sealed class StoredRecord
{
    /// <summary>The source's handle for the entry (its position in what the source read).</summary>
    public required int Index { get; init; }

    /// <summary>What an operator finds the entry by: the file name, or the queue message's id.</summary>
    public required string Id { get; init; }

    public string? TableName { get; init; }

    public string? EventId { get; init; }

    /// <summary>The record's checkpoint sequence number, when it could be read.</summary>
    public string? SequenceNumber { get; init; }

    /// <summary>Where it failed (<see cref="Failures.FailureStage"/> by name).</summary>
    public string? Stage { get; init; }

    /// <summary>Why it failed the last time.</summary>
    public string? Reason { get; init; }

    public DateTimeOffset? FailedAt { get; init; }

    /// <summary>The stream record's JSON exactly as the bridge first received it.</summary>
    public ReadOnlyMemory<byte> Raw { get; init; }

    /// <summary>Why the entry could not be read; null when it could. Such an entry is left where it is.</summary>
    public string? Problem { get; init; }

    /// <summary>For output lines: the id, table, eventID and sequence number.</summary>
    public string Describe() =>
        $"{Id} ({TableName ?? "unknown table"}, eventID {EventId ?? "unknown"}, sequence {SequenceNumber ?? "unknown"})";
}
