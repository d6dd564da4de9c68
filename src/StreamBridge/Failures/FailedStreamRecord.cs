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

    /// <summary>The stream record's JSON as received.</summary>
    public required string Record { get; init; }

    public DateTimeOffset FailedAt { get; init; }
}
