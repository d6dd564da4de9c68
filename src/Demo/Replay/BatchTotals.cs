using Bus.StreamBridge.Pipeline;

namespace Bus.Demo.Replay;

/// <summary>The bridge's counts over any number of batches (see <see cref="BatchResult"/> for each one's meaning).</summary>
public sealed record BatchTotals(int Batches, int Records, int Published, int Events, int Skipped, int Duplicates, int Stored, int Failed, int NotAttempted)
{
    public static BatchTotals None { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>Records that did not make it: kept in the failed-record store, or reported for Lambda to retry.</summary>
    public int Unsuccessful => Stored + Failed + NotAttempted;

    public BatchTotals Add(BatchResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(Batches + 1, Records + result.Records, Published + result.Published, Events + result.Events, Skipped + result.Skipped,
            Duplicates + result.Duplicates, Stored + result.Stored, Failed + result.Failed, NotAttempted + result.NotAttempted);
    }

    public BatchTotals Add(BatchTotals other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(Batches + other.Batches, Records + other.Records, Published + other.Published, Events + other.Events,
            Skipped + other.Skipped, Duplicates + other.Duplicates, Stored + other.Stored, Failed + other.Failed, NotAttempted + other.NotAttempted);
    }
}
