using System.Collections.Concurrent;
using Bus.Contracts;
using Bus.StreamBridge.Configuration;
using Bus.StreamBridge.Decoding;
using Bus.StreamBridge.Failures;
using Bus.StreamBridge.Publishing;
using Bus.StreamBridge.Records;
using Bus.StreamBridge.Translation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bus.StreamBridge.Pipeline;

/// <summary>
/// Processes one Lambda batch: decodes every record but its images (on all cores, <see cref="RecordDecoding"/>), keeps
/// the ones that can never succeed in the failed-record store, and publishes the rest with records of one item in
/// stream order and different items in parallel, decoding each record's images just before it is translated.
/// Lambda's checkpoint contract decides the rest: the result names the lowest sequence number that failed, Lambda
/// re-delivers from there, and nothing after a failed record of the same item is published out of order.
/// </summary>
public sealed class BatchProcessor(
    ChangeProcessor processor,
    IEventPublisher publisher,
    IFailedRecordStore failedRecords,
    IOptions<BridgeOptions> options,
    BridgeMetrics metrics,
    TimeProvider timeProvider,
    ILogger<BatchProcessor> logger)
{
    private readonly BridgeOptions _options = options.Value;

    public async Task<BatchResult> ProcessAsync(StreamEvent batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        await using var decoding = new RecordDecoding();
        foreach (var slice in batch.Records)
        {
            decoding.Add(slice);
        }

        return await ProcessAsync(batch, decoding, cancellationToken);
    }

    /// <summary>Processes <paramref name="batch"/>, whose records were all added to <paramref name="decoding"/>
    /// (the handler adds them while it splits the batch).</summary>
    public async Task<BatchResult> ProcessAsync(StreamEvent batch, RecordDecoding decoding, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(decoding);
        if (decoding.Count != batch.Records.Count)
        {
            throw new ArgumentException($"{decoding.Count} records added for decoding; the batch has {batch.Records.Count}", nameof(decoding));
        }

        var run = new Run();
        var records = new List<ChangeRecord>(batch.Records.Count);
        await decoding.CompleteAsync();
        for (var i = 0; i < batch.Records.Count; i++)
        {
            var (record, error) = decoding[i];
            if (record is not null)
            {
                records.Add(record);
                continue;
            }

            await KeepUndecodableAsync(batch.Records[i], error!, run, cancellationToken);
        }

        var conflicts = new List<(ChangeRecord Record, ChangeRecord First)>();
        var items = GroupByItem(records, run, conflicts);
        foreach (var (record, first) in conflicts)
        {
            await KeepAsync(Failed(record, FailureStage.Decode, $"eventID repeats record {first.Position}'s with a different change"),
                record.Checkpoint, run, cancellationToken);
        }

        await Parallel.ForEachAsync(
            items,
            new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrency, CancellationToken = cancellationToken },
            (item, token) => ProcessItemAsync(item, run, token));

        var result = run.ToResult(batch.Records.Count);
        Report(result);
        return result;
    }

    /// <summary>Keeps a record that cannot be decoded, named by what can be read of it.</summary>
    private ValueTask<bool> KeepUndecodableAsync(RecordSlice slice, DecodingException error, Run run, CancellationToken cancellationToken)
    {
        var identity = RecordIdentity.Of(slice.Json);
        var failed = new FailedRecord(null, slice.Position, identity.EventId, identity.Checkpoint?.Value,
            FailureStage.Decode, $"{identity.Describe(slice.Position)}: {error.Message}", slice.Json.ToArray());
        return KeepAsync(failed, identity.Checkpoint, run, cancellationToken);
    }

    private static List<List<ChangeRecord>> GroupByItem(List<ChangeRecord> records, Run run, List<(ChangeRecord Record, ChangeRecord First)> conflicts)
    {
        var seen = new Dictionary<string, ChangeRecord>(records.Count, StringComparer.Ordinal);
        var byItem = new Dictionary<(string Table, string Key), List<ChangeRecord>>(records.Count);
        var items = new List<List<ChangeRecord>>();
        foreach (var record in records)
        {
            // Kinesis may deliver one change more than once; its eventID is the same in every copy. A different
            // change under a repeated eventID cannot be published (its message ids would be the first's, and
            // inboxes would drop it) and is not a copy either: it is kept as malformed.
            if (!seen.TryAdd(record.EventId, record))
            {
                // Only here are a record's images needed before its turn. A record whose images do not decode is
                // nobody's copy: it goes on to fail in its turn and be kept, as it would have without the other.
                var first = seen[record.EventId];
                var (firstImages, copyImages) = (TryDecodeFully(first), TryDecodeFully(record));
                if (firstImages is null && copyImages is not null)
                {
                    seen[record.EventId] = record;
                }
                else if (firstImages is not null && copyImages is not null)
                {
                    if (IsSameChange(firstImages, copyImages))
                    {
                        Interlocked.Increment(ref run.Duplicates);
                    }
                    else
                    {
                        conflicts.Add((record, first));
                    }

                    continue;
                }
            }

            if (!byItem.TryGetValue((record.TableName, record.ItemKey), out var item))
            {
                item = [];
                byItem.Add((record.TableName, record.ItemKey), item);
                items.Add(item);
            }

            item.Add(record);
        }

        for (var i = 0; i < items.Count; i++)
        {
            // DynamoDB Streams records of one item arrive in order within their shard. Kinesis may reorder them,
            // so its records are put back in the order DynamoDB made the changes.
            if (items[i].Count > 1 && items[i][0].Source == ChangeSource.KinesisDataStreams)
            {
                items[i] = [.. items[i].OrderBy(r => r.ApproximateCreationTime).ThenBy(r => r.Checkpoint)];
            }
        }

        return items;
    }

    private static ChangeRecord? TryDecodeFully(ChangeRecord record)
    {
        try
        {
            return record.DecodeFully();
        }
        catch (DecodingException)
        {
            return null;
        }
    }

    private static bool IsSameChange(ChangeRecord first, ChangeRecord copy) =>
        first.Kind == copy.Kind
        && string.Equals(first.TableName, copy.TableName, StringComparison.Ordinal)
        && string.Equals(first.ItemKey, copy.ItemKey, StringComparison.Ordinal)
        && first.ApproximateCreationTime == copy.ApproximateCreationTime
        && Equals(first.NewImage, copy.NewImage)
        && Equals(first.OldImage, copy.OldImage);

    private async ValueTask ProcessItemAsync(List<ChangeRecord> item, Run run, CancellationToken cancellationToken)
    {
        using var deadline = new PublishDeadline(_options.PublishTimeout, cancellationToken);
        for (var i = 0; i < item.Count; i++)
        {
            var record = item[i];
            if (run.Watermark.IsBeyond(record.Checkpoint))
            {
                // Lambda re-delivers from the lowest failed sequence number; this record and the rest of its item
                // come again then.
                LeaveForRetry(item, i, run);
                return;
            }

            if (!await ProcessRecordAsync(record, run, deadline, cancellationToken))
            {
                // Nothing after a failed record of this item may be published before it.
                LeaveForRetry(item, i + 1, run);
                return;
            }
        }
    }

    /// <summary>
    /// Leaves the records of an item from <paramref name="from"/> on for Lambda to re-deliver. Lambda checkpoints on
    /// the lowest reported sequence number, so the watermark must not stay above any record left behind: on Kinesis,
    /// records put back in change order can carry a lower sequence number than the one that failed before them.
    /// </summary>
    private static void LeaveForRetry(List<ChangeRecord> item, int from, Run run)
    {
        for (var j = from; j < item.Count; j++)
        {
            run.Watermark.Fail(item[j].Checkpoint);
            run.NotAttemptedPositions.Add(item[j].Position);
        }

        Interlocked.Add(ref run.NotAttempted, item.Count - from);
    }

    /// <summary>False when the record failed and must be retried.</summary>
    private async ValueTask<bool> ProcessRecordAsync(ChangeRecord record, Run run, PublishDeadline deadline, CancellationToken cancellationToken)
    {
        try
        {
            record = record.DecodeFully();
        }
        catch (DecodingException e)
        {
            return await KeepUndecodableAsync(new RecordSlice(record.Position, record.Raw), e, run, cancellationToken);
        }

        TranslatedChange translated;
        try
        {
            translated = await processor.TranslateAsync(record, cancellationToken);
        }
        catch (Exception e) when (e is TranslationException or DecodingException)
        {
            return await KeepAsync(Failed(record, FailureStage.Translate, e.Message), record.Checkpoint, run, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            Fail(record, e, run);
            return false;
        }

        switch (translated.Outcome)
        {
            case ChangeOutcome.Unrouted when _options.Unrouted == UnroutedPolicy.Store:
                return await KeepAsync(Failed(record, FailureStage.Route, $"no route matches table {record.TableName} or this item"),
                    record.Checkpoint, run, cancellationToken);
            case ChangeOutcome.Unrouted or ChangeOutcome.ItemGone:
                Interlocked.Increment(ref run.Skipped);
                return true;
        }

        try
        {
            var timeout = translated.Events.Count == 0 ? cancellationToken : deadline.Start();
            // Indexed: a foreach over the IReadOnlyList would allocate an enumerator per record.
            for (var i = 0; i < translated.Events.Count; i++)
            {
                var outgoing = translated.Events[i];
                await publisher.PublishAsync(outgoing, timeout);
                Interlocked.Increment(ref run.Events);
                metrics.EventPublished(outgoing.Message.GetType().Name, timeProvider.GetUtcNow() - record.ApproximateCreationTime);
            }

            deadline.Stop();
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            Fail(record, e, run);
            return false;
        }

        Interlocked.Increment(ref run.Published);
        return true;
    }

    /// <summary>A record to keep; the reason names it (position, eventID, sequence number) like a decoding error's.
    /// The failed record owns a copy of its bytes: the batch's input buffer is reused by the next batch, and a store
    /// may keep the record longer than the batch.</summary>
    private static FailedRecord Failed(ChangeRecord record, FailureStage stage, string reason) =>
        new(record.TableName, record.Position, record.EventId, record.Checkpoint.Value, stage, $"{record.Describe()}: {reason}", record.Raw.ToArray());

    /// <summary>Stores a record that can never succeed; when even that fails, reports it for retry.</summary>
    private async ValueTask<bool> KeepAsync(FailedRecord failed, SequenceNumber? checkpoint, Run run, CancellationToken cancellationToken)
    {
        try
        {
            await failedRecords.StoreAsync(failed, cancellationToken);
            Interlocked.Increment(ref run.Stored);
            run.Failures.Add(new RecordFailure(failed.Position, failed.EventId, failed.SequenceNumber, failed.Reason, Stored: true));
            BridgeLog.RecordStored(logger, failed.Position, failed.EventId, failed.SequenceNumber, failed.TableName, failed.Stage.ToString(), failed.Reason);
            return true;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            BridgeLog.StoreFailed(logger, e, failed.Position, failed.EventId, failed.Reason);
            if (checkpoint is not { } sequence)
            {
                throw new BatchFailedException(
                    $"record {failed.Position} is malformed, has no readable sequence number, and could not be stored: {failed.Reason}", e);
            }

            run.Watermark.Fail(sequence);
            Interlocked.Increment(ref run.Failed);
            run.Failures.Add(new RecordFailure(failed.Position, failed.EventId, failed.SequenceNumber,
                $"{failed.Reason} (and storing it failed: {e.Message})", Stored: false));
            return false;
        }
    }

    private void Fail(ChangeRecord record, Exception exception, Run run)
    {
        run.Watermark.Fail(record.Checkpoint);
        Interlocked.Increment(ref run.Failed);
        var reason = $"{record.Describe()}: " +
            (exception is OperationCanceledException ? "publishing timed out" : $"{exception.GetType().Name}: {exception.Message}");
        run.Failures.Add(new RecordFailure(record.Position, record.EventId, record.Checkpoint.Value, reason, Stored: false));
        BridgeLog.RecordFailed(logger, exception, record.Position, record.EventId, record.Checkpoint.Value, record.TableName);
    }

    private void Report(BatchResult result)
    {
        metrics.Batch(result.Records);
        metrics.Record("published", result.Published);
        metrics.Record("skipped", result.Skipped);
        metrics.Record("duplicate", result.Duplicates);
        metrics.Record("stored", result.Stored);
        metrics.Record("failed", result.Failed);
        metrics.Record("not_attempted", result.NotAttempted);
        BridgeLog.BatchDone(logger, result.Records, result.Published, result.Events, result.Skipped, result.Duplicates,
            result.Stored, result.Failed, result.NotAttempted, result.RetryFrom?.Value);
    }

    private sealed class Run
    {
        public readonly FailureWatermark Watermark = new();
        public readonly ConcurrentBag<RecordFailure> Failures = [];
        public readonly ConcurrentBag<int> NotAttemptedPositions = [];
        public int Published;
        public int Events;
        public int Skipped;
        public int Duplicates;
        public int Stored;
        public int Failed;
        public int NotAttempted;

        public BatchResult ToResult(int records) => new()
        {
            Records = records,
            Published = Published,
            Events = Events,
            Skipped = Skipped,
            Duplicates = Duplicates,
            Stored = Stored,
            Failed = Failed,
            NotAttempted = NotAttempted,
            Failures = [.. Failures.OrderBy(f => f.Position)],
            NotAttemptedPositions = [.. NotAttemptedPositions.Order()],
            RetryFrom = Watermark.Lowest,
        };
    }
}
