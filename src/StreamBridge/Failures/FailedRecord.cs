namespace Bus.StreamBridge.Failures;

/// <summary>A record that can never succeed as it is, kept whole with the reason so it can be replayed after a fix.</summary>
/// <param name="TableName">The record's table, when it could be read.</param>
/// <param name="Position">Index within its batch.</param>
/// <param name="EventId">The record's eventID, when it could be read.</param>
/// <param name="SequenceNumber">The record's checkpoint sequence number, when it could be read.</param>
/// <param name="Stage">Where it failed.</param>
/// <param name="Reason">Which record (<c>record N (eventID X, sequence Y)</c>) and why; names fields and attributes, never values.</param>
/// <param name="Raw">The record's JSON exactly as received.</param>
public sealed record FailedRecord(
    string? TableName,
    int Position,
    string? EventId,
    string? SequenceNumber,
    FailureStage Stage,
    string Reason,
    ReadOnlyMemory<byte> Raw);
