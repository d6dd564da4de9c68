namespace Bus.StreamBridge.Failures;

/// <summary>The message the queue store sends for a failed record. Internal to the bridge and its operator tools,
/// not a domain contract.</summary>
public sealed record FailedStreamRecord
{
    public string? TableName { get; init; }

    public int Position { get; init; }

    public string? EventId { get; init; }

    public string? SequenceNumber { get; init; }

    public required FailureStage Stage { get; init; }

    public required string Reason { get; init; }

    /// <summary>The stream record's JSON as received; bytes that are not UTF-8 read as U+FFFD here.</summary>
    public required string Record { get; init; }

    /// <summary>The record's exact bytes, only when they are not valid UTF-8 (then <see cref="Record"/> is not
    /// exact).</summary>
    public string? RecordBase64 { get; init; }

    public DateTimeOffset FailedAt { get; init; }
}
