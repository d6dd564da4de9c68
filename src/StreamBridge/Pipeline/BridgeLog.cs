using Microsoft.Extensions.Logging;

namespace Bus.StreamBridge.Pipeline;

/// <summary>The bridge's log lines. They name records by position, eventID and sequence number and never print a
/// record's content: images hold personal data.</summary>
internal static partial class BridgeLog
{
    [LoggerMessage(1, LogLevel.Warning, "Record {Position} (eventID {EventId}, sequence {Sequence}) of table {Table} stored as failed at {Stage}: {Reason}")]
    public static partial void RecordStored(ILogger logger, int position, string? eventId, string? sequence, string? table, string stage, string reason);

    [LoggerMessage(2, LogLevel.Error, "Record {Position} (eventID {EventId}, sequence {Sequence}) of table {Table} failed and will be retried")]
    public static partial void RecordFailed(ILogger logger, Exception exception, int position, string eventId, string sequence, string table);

    [LoggerMessage(3, LogLevel.Error, "Record {Position} (eventID {EventId}) could not be stored as failed: {Reason}")]
    public static partial void StoreFailed(ILogger logger, Exception exception, int position, string? eventId, string reason);

    [LoggerMessage(4, LogLevel.Information, "Batch of {Records} records: {Published} published ({Events} events), {Skipped} skipped, {Duplicates} duplicates, {Stored} stored, {Failed} failed, {NotAttempted} not attempted; retry from {RetryFrom}")]
    public static partial void BatchDone(ILogger logger, int records, int published, int events, int skipped, int duplicates, int stored, int failed, int notAttempted, string? retryFrom);

    [LoggerMessage(5, LogLevel.Information, "Execution environment started; garbage collector: {GarbageCollector}")]
    public static partial void Started(ILogger logger, string garbageCollector);
}
