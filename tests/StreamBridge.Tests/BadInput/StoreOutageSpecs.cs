using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Bus.StreamBridge.Pipeline;

namespace Bus.StreamBridge.Tests.BadInput;

/// <summary>
/// Every corpus record that belongs in the failed-record store, while the store is down: the record cannot be kept,
/// so it must not be acknowledged. Lambda is told to re-deliver from it (or, when it has no readable sequence
/// number, the invocation fails); everything before that point is published, and the re-delivery with the store
/// back completes the batch with nothing lost.
/// </summary>
public sealed class StoreOutageSpecs(BridgeUnderTest bridge) : IClassFixture<BridgeUnderTest>
{
    // A record repeating another's eventID is recognised only beside that record, in one batch; a re-delivery from
    // the bad record on may not hold the other (see docs/bad-input.md), so those entries are left out here.
    public static TheoryData<string> StoredRecords => Corpus.Files(e =>
        e.Shape == CorpusShapes.Record && e.Outcome == CorpusOutcomes.Stored && e.Category is not ("duplicates" or "kinesis-duplicates"));

    [Theory]
    [MemberData(nameof(StoredRecords))]
    public async Task A_bad_record_that_cannot_be_stored_is_retried_and_nothing_before_it_is_lost(string file)
    {
        var entry = Corpus.Entry(file);
        var source = entry.Source!;
        var record = Corpus.Read(file);
        var valid = CorpusBatches.Valid(source);
        var baseline = await bridge.InvokeAsync(CorpusBatches.Batch(valid));
        var batch = CorpusBatches.Embed(source, record);

        bridge.StoreDown = true;
        Invocation outage;
        try
        {
            outage = await bridge.InvokeAsync(batch);
        }
        finally
        {
            bridge.StoreDown = false;
        }

        if (entry.SequenceNumber is null)
        {
            // Nothing to report it by: the whole invocation fails before anything is published.
            var error = Assert.IsType<BatchFailedException>(outage.Error);
            Assert.Contains($"record {CorpusBatches.Position(source)} ", error.Message, StringComparison.Ordinal);
            Assert.Contains(entry.Reason!, error.Message, StringComparison.Ordinal);
            Assert.Empty(outage.Published);
            return;
        }

        Assert.Null(outage.Error);
        var retryFrom = RetryFrom(outage.Response!);
        var bad = BigInteger.Parse(entry.SequenceNumber, CultureInfo.InvariantCulture);
        // DynamoDB Streams records arrive in sequence order, so the bad record is the first left behind; Kinesis
        // records put back in change order may leave a record with a lower number behind it.
        Assert.True(source == "kinesis" ? retryFrom <= bad : retryFrom == bad, $"reported {retryFrom}, the bad record is {bad}");
        Assert.Empty(outage.Stored);
        var ids = outage.Published.Select(p => p.MessageId).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        var before = baseline.Published.Where(p => BigInteger.Parse(p.Change.SequenceNumber, CultureInfo.InvariantCulture) < retryFrom);
        Assert.Subset(ids.ToHashSet(), before.Select(p => p.MessageId).ToHashSet());

        // Lambda re-delivers every record from the reported sequence number on.
        var position = CorpusBatches.Position(source);
        var redelivered = valid.Take(position).Append(record).Concat(valid.Skip(position))
            .Where(r => ReferenceEquals(r, record) || CorpusBatches.Checkpoint(r) >= retryFrom);
        var retry = await bridge.InvokeAsync(CorpusBatches.Batch(redelivered));

        Assert.Equal(Invocation.NoFailures, retry.Response);
        Assert.Equal(record, Assert.Single(retry.Stored).Record);
        Assert.Equal(
            baseline.Published.Select(p => p.MessageId).Order(),
            outage.Published.Concat(retry.Published).Select(p => p.MessageId).Distinct().Order());
    }

    private static BigInteger RetryFrom(string response)
    {
        using var json = JsonDocument.Parse(response);
        var failure = Assert.Single(json.RootElement.GetProperty("batchItemFailures").EnumerateArray());
        return BigInteger.Parse(failure.GetProperty("itemIdentifier").GetString()!, CultureInfo.InvariantCulture);
    }
}
