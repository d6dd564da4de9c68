namespace Bus.StreamBridge.Failures;

/// <summary>
/// Durable storage for records that can never succeed. Lambda's own on-failure destination keeps only shard and
/// sequence metadata and the stream keeps records for 24 hours, so the bridge keeps the record itself. Storing the
/// same record twice must be harmless: a retried batch stores it again.
/// </summary>
public interface IFailedRecordStore
{
    /// <summary>Stores the record durably; throws when it cannot, so the record is reported as failed instead.</summary>
    Task StoreAsync(FailedRecord record, CancellationToken cancellationToken);
}
