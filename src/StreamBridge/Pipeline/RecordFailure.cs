namespace Bus.StreamBridge.Pipeline;

/// <summary>A record that was not published in this invocation.</summary>
/// <param name="Position">Index within the batch.</param>
/// <param name="EventId">The record's eventID, when known.</param>
/// <param name="Checkpoint">The record's checkpoint sequence number, when known.</param>
/// <param name="Reason">Which record (<c>record N (eventID X, sequence Y)</c>) and why; names fields, never values.</param>
/// <param name="Stored">True when the record went to the failed-record store (it will not be retried by Lambda);
/// false when it is reported to Lambda for retry.</param>
public sealed record RecordFailure(int Position, string? EventId, string? Checkpoint, string Reason, bool Stored);
