using Bus.StreamBridge.Failures;
using Bus.StreamBridge.Pipeline;
using Bus.StreamBridge.Records;

namespace Bus.StreamBridge.Redrive;

/// <summary>
/// Replays records from the failed-record store after a fix. The stored records go through the normal pipeline
/// (<see cref="BatchProcessor"/>) as one batch, so everything a stream batch gets they get too: decoding, routing,
/// enrichment, translation, message ids from the eventID (the same ids the first attempt had, so inboxes drop any
/// copy), records of one item in stream order and publishing with confirms; a record that still can never succeed is
/// stored again by the pipeline, with the new reason, before its old entry is dropped. Nothing leaves the store
/// before the broker confirmed its events.
/// </summary>
public sealed class FailedRecordRedriver(BatchProcessor processor)
{
    private const string NotAttempted =
        "not attempted: an earlier record of its item, or one with a lower sequence number, failed and may pass on a later run";

    /// <summary>Redrives (or, for a dry run, only selects) up to <paramref name="limit"/> records, in stream order,
    /// and settles every entry of the store that was read.</summary>
    public async Task<RedriveResult> RedriveAsync(IFailedRecordSource source, int? limit, bool dryRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var ordered = InRedriveOrder(await source.ReadAsync(cancellationToken));
        var outcomes = new RedrivenRecord?[ordered.Count];
        var selected = new List<int>();
        for (var i = 0; i < ordered.Count; i++)
        {
            if (ordered[i].Problem is { } problem)
            {
                outcomes[i] = new RedrivenRecord(ordered[i], RedriveOutcome.Unreadable, problem);
            }
            else if (selected.Count >= limit)
            {
                outcomes[i] = new RedrivenRecord(ordered[i], RedriveOutcome.BeyondLimit, null);
            }
            else
            {
                selected.Add(i);
            }
        }

        if (dryRun)
        {
            foreach (var i in selected)
            {
                outcomes[i] = new RedrivenRecord(ordered[i], RedriveOutcome.WouldRedrive, null);
            }
        }
        else
        {
            await ProcessAsync(ordered, selected, outcomes, cancellationToken);
        }

        var results = outcomes.Select(o => o!).ToList();
        foreach (var result in results)
        {
            await (result.Outcome switch
            {
                RedriveOutcome.Redriven => source.RemoveAsync(result.Record, cancellationToken),
                RedriveOutcome.FailedAgain => source.ReplacedAsync(result.Record, cancellationToken),
                _ => source.LeaveAsync(result.Record, cancellationToken),
            });
        }

        return new RedriveResult(results);
    }

    /// <summary>
    /// Stream order for records of one item: by sequence number (compared as numbers), then by when they failed.
    /// DynamoDB Streams numbers grow with every change to an item; for Kinesis the pipeline itself re-sorts an item's
    /// records by creation time. Records without a readable sequence number cannot be placed, so they go last.
    /// </summary>
    public static List<StoredRecord> InRedriveOrder(IEnumerable<StoredRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        return
        [
            .. records
                .Select(r => (Record: r, Sequence: SequenceNumber.TryParse(r.SequenceNumber, out var s) ? s : null))
                .OrderBy(r => r.Sequence is null)
                .ThenBy(r => r.Sequence ?? default)
                .ThenBy(r => r.Record.FailedAt ?? DateTimeOffset.MaxValue)
                .ThenBy(r => r.Record.Id, StringComparer.Ordinal)
                .Select(r => r.Record),
        ];
    }

    private async Task ProcessAsync(List<StoredRecord> ordered, List<int> selected, RedrivenRecord?[] outcomes, CancellationToken cancellationToken)
    {
        // A record kept twice (a retried batch stores it again; on a queue both copies stay) is redriven once and
        // its copies share its fate.
        var representatives = new List<int>();
        var representativeOf = new Dictionary<int, int>();
        var byDigest = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var i in selected)
        {
            var digest = FailedRecordIds.Digest(ordered[i].Raw.Span);
            if (!byDigest.TryGetValue(digest, out var position))
            {
                position = representatives.Count;
                byDigest.Add(digest, position);
                representatives.Add(i);
            }

            representativeOf[i] = position;
        }

        var batch = new StreamEvent(0, [.. representatives.Select((i, position) => new RecordSlice(position, ordered[i].Raw))]);
        BatchResult result;
        try
        {
            result = await processor.ProcessAsync(batch, cancellationToken);
        }
        catch (BatchFailedException e)
        {
            // A record that has no sequence number could not be stored again: nothing is settled but by leaving it.
            foreach (var i in selected)
            {
                outcomes[i] = new RedrivenRecord(ordered[i], RedriveOutcome.StillFailing, e.Message);
            }

            return;
        }

        var failures = result.Failures.ToDictionary(f => f.Position);
        var notAttempted = result.NotAttemptedPositions.ToHashSet();
        foreach (var i in selected)
        {
            var position = representativeOf[i];
            outcomes[i] = failures.TryGetValue(position, out var failure)
                ? new RedrivenRecord(ordered[i], failure.Stored ? RedriveOutcome.FailedAgain : RedriveOutcome.StillFailing, failure.Reason)
                : notAttempted.Contains(position)
                    ? new RedrivenRecord(ordered[i], RedriveOutcome.StillFailing, NotAttempted)
                    : new RedrivenRecord(ordered[i], RedriveOutcome.Redriven, null);
        }
    }
}
