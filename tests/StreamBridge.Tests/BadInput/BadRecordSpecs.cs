namespace Bus.StreamBridge.Tests.BadInput;

/// <summary>
/// Every corpus record, embedded between the valid records of a real batch and handed to the Lambda handler
/// through the real registration: the bad record is kept whole with a reason that names it, every valid record
/// is published exactly once, and a retry of the same batch publishes the same message ids.
/// </summary>
public sealed class BadRecordSpecs(BridgeUnderTest bridge) : IClassFixture<BridgeUnderTest>
{
    public static TheoryData<string> Records => Corpus.Files(e => e.Shape == CorpusShapes.Record);

    [Theory]
    [MemberData(nameof(Records))]
    public async Task A_bad_record_among_valid_ones_comes_to_its_documented_outcome_and_loses_nothing_valid(string file)
    {
        var entry = Corpus.Entry(file);
        var record = Corpus.Read(file);
        var baseline = await Baseline(entry.Source!);
        var batch = CorpusBatches.Embed(entry.Source!, record);

        var first = await bridge.InvokeAsync(batch);
        var retry = await bridge.InvokeAsync(batch);

        foreach (var invocation in new[] { first, retry })
        {
            Assert.Null(invocation.Error);
            Assert.Equal(Invocation.NoFailures, invocation.Response);
            var ids = invocation.Published.Select(p => p.MessageId).ToList();
            Assert.Equal(ids.Count, ids.Distinct().Count());
            var own = invocation.Published.Where(p => !baseline.Contains(p.MessageId)).ToList();
            Assert.Equal(baseline.Order(), ids.Except(own.Select(p => p.MessageId)).Order());
            Assert.Equal(entry.Outcome == CorpusOutcomes.Published ? entry.Events : 0, own.Count);
            Assert.All(own, p => Assert.Equal(entry.EventId, p.Change.StreamEventId));
            if (entry.Outcome == CorpusOutcomes.Stored)
            {
                var stored = Assert.Single(invocation.Stored);
                Assert.Equal(record, stored.Record);
                Assert.Equal((entry.Stage, entry.EventId, entry.SequenceNumber), (stored.Stage, stored.EventId, stored.SequenceNumber));
                Assert.StartsWith(Name(entry), stored.Reason, StringComparison.Ordinal);
                Assert.True(stored.Reason.Contains(entry.Reason!, StringComparison.Ordinal), $"reason: {stored.Reason}");
            }
            else
            {
                Assert.Empty(invocation.Stored);
            }
        }

        Assert.Equal(first.Published.Select(p => p.MessageId).Order(), retry.Published.Select(p => p.MessageId).Order());
    }

    /// <summary>How reports name the record: its position in the batch, then its eventID and sequence number
    /// when they can be read.</summary>
    internal static string Name(CorpusEntry entry)
    {
        var position = CorpusBatches.Position(entry.Source!);
        var parts = new[] { entry.EventId is null ? null : $"eventID {entry.EventId}", entry.SequenceNumber is null ? null : $"sequence {entry.SequenceNumber}" }
            .Where(p => p is not null).ToList();
        return parts.Count == 0 ? $"record {position}: " : $"record {position} ({string.Join(", ", parts)}): ";
    }

    private async Task<HashSet<Guid>> Baseline(string source)
    {
        var valid = await bridge.InvokeAsync(CorpusBatches.Batch(CorpusBatches.Valid(source)));
        Assert.Equal(Invocation.NoFailures, valid.Response);
        return [.. valid.Published.Select(p => p.MessageId)];
    }
}
