namespace Bus.Demo.Replay;

/// <summary>A record the bridge could not publish: kept in the failed-record store (<see cref="Stored"/>) or reported in
/// <c>batchItemFailures</c> for Lambda to retry.</summary>
/// <param name="File">The batch file.</param>
/// <param name="Event">The event's index in the file (JSON Lines hold several).</param>
/// <param name="Position">The record's index in the event's <c>Records</c>.</param>
/// <param name="EventId">Its <c>eventID</c>, when readable.</param>
/// <param name="SequenceNumber">Its sequence number, when readable.</param>
/// <param name="Reason">Why; names fields, never values.</param>
/// <param name="Stored">True when it is in the failed-record store.</param>
public sealed record FailedRecordReport(string File, int Event, int Position, string? EventId, string? SequenceNumber, string Reason, bool Stored);
