namespace Bus.StreamBridge.Redrive;

/// <summary>
/// The failed-record store read back for redrive. Every entry <see cref="ReadAsync"/> returns is settled exactly once;
/// an entry that is not settled (the process stops first) stays in the store as it was.
/// </summary>
public interface IFailedRecordSource : IAsyncDisposable
{
    /// <summary>The store, for output lines: its directory or queue.</summary>
    string Name { get; }

    /// <summary>Every entry in the store when redrive started; entries stored after that are left for the next run.</summary>
    Task<IReadOnlyList<StoredRecord>> ReadAsync(CancellationToken cancellationToken);

    /// <summary>The record was published (or skipped by configuration): take it out of the store.</summary>
    Task RemoveAsync(StoredRecord record, CancellationToken cancellationToken);

    /// <summary>The record failed again and the pipeline has already stored it anew with the new reason: drop the
    /// old entry unless the new one replaced it in place.</summary>
    Task ReplacedAsync(StoredRecord record, CancellationToken cancellationToken);

    /// <summary>Leave the entry as it was.</summary>
    Task LeaveAsync(StoredRecord record, CancellationToken cancellationToken);
}
