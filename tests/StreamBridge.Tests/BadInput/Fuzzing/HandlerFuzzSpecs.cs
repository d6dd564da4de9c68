using System.Globalization;
using System.Text.Json;
using Bus.StreamBridge.Decoding;
using Bus.StreamBridge.Records;

namespace Bus.StreamBridge.Tests.BadInput.Fuzzing;

/// <summary>
/// The Lambda handler on real batches with mutated records put among their valid ones (or valid ones mutated,
/// or copied), for a few seconds per run (longer with <c>BUS_FUZZ_SECONDS</c>): decode, translate, publish and the
/// failed-record store on the real registration. Nothing is thrown and nothing is left for Lambda to retry while
/// the broker and the store work; every record is published or kept whole with a reason that names it; each valid
/// record's events are published exactly once, with the same message ids when the batch is retried.
/// </summary>
public sealed class HandlerFuzzSpecs(FuzzedBridge bridge) : IClassFixture<FuzzedBridge>
{
    [Fact]
    public async Task Batches_with_mutated_records_publish_every_valid_record_once_and_keep_every_bad_one()
    {
        var baseline = await Baseline();
        var loop = new FuzzLoop("handler", FuzzSettings.FromEnvironment(TimeSpan.FromSeconds(4)), TimeSpan.FromSeconds(90));

        var summary = await loop.RunAsync(async random =>
        {
            var batch = MutatedBatch(random);
            loop.Input(batch);
            var records = Records(batch);

            var first = await bridge.InvokeAsync(batch);
            var retry = await bridge.InvokeAsync(batch);

            if (records is null)
            {
                // Lambda never sends anything but one JSON event; if it did, failing the invocation loses nothing.
                // A record may have closed the event early: then the error names the event after it, or counts two.
                foreach (var invocation in new[] { first, retry })
                {
                    var error = Assert.IsType<DecodingException>(invocation.Error).Message;
                    Assert.True(error.StartsWith("event ", StringComparison.Ordinal) && error.Contains(": input is not valid JSON", StringComparison.Ordinal)
                        || error.StartsWith("a Lambda invocation carries exactly one event", StringComparison.Ordinal)
                        || error == "event 0: Records appears twice", error);
                    Assert.Empty(invocation.Published);
                    Assert.Empty(invocation.Stored);
                }

                return "batch not one JSON event";
            }

            Check(first, records, baseline);
            Check(retry, records, baseline);
            Assert.Equal(first.Published.Select(p => p.MessageId).Order(), retry.Published.Select(p => p.MessageId).Order());
            Assert.Equal(Stored(first), Stored(retry));
            return first.Stored.Count == 0 ? "all published" : "some stored";
        });

        Assert.True(summary.Iterations > 0, summary.ToString());
    }

    /// <summary>What one invocation must have done with <paramref name="records"/>.</summary>
    private static void Check(Invocation invocation, List<byte[]> records, Dictionary<string, HashSet<Guid>> baseline)
    {
        Assert.Null(invocation.Error);
        // The in-memory broker and the file store do not fail, so no record may be left for Lambda to retry.
        Assert.Equal(Invocation.NoFailures, invocation.Response);
        var published = invocation.Published.Select(p => p.MessageId).ToList();
        Assert.Equal(published.Count, published.Distinct().Count());
        var publishedIds = published.ToHashSet();
        var publishedEventIds = invocation.Published.Select(p => p.Change.StreamEventId).ToHashSet(StringComparer.Ordinal);

        var stored = new HashSet<int>();
        foreach (var record in invocation.Stored)
        {
            var position = NamedPosition(record.Reason);
            Assert.True(position < records.Count, record.Reason);
            Assert.Equal(records[position], record.Record);
            Assert.True(record.Reason.IndexOf(": ", StringComparison.Ordinal) is > 0 and var colon && colon + 2 < record.Reason.Length, record.Reason);
            stored.Add(position);
        }

        // The file store names files by the record's bytes, so identical bad records share one file.
        var storedBytes = invocation.Stored.Select(r => Convert.ToBase64String(r.Record)).ToHashSet(StringComparer.Ordinal);
        for (var position = 0; position < records.Count; position++)
        {
            var record = records[position];
            var isStored = stored.Contains(position) || storedBytes.Contains(Convert.ToBase64String(record));
            if (baseline.TryGetValue(Convert.ToBase64String(record), out var ids) && !isStored)
            {
                // A valid record: every event it publishes alone is published here too.
                Assert.Subset(publishedIds, ids);
                continue;
            }

            var decoded = Decode(record, position);
            if (decoded is null)
            {
                Assert.True(isStored, $"record {position} cannot be decoded and was not stored");
            }
            else if (FuzzedBridge.RoutedTables.Contains(decoded.TableName))
            {
                // Every routed record publishes an ItemChanged event at least, under its eventID (or an identical
                // copy's), unless it was kept.
                Assert.True(isStored || publishedEventIds.Contains(decoded.EventId),
                    $"record {position} ({decoded.EventId}) decoded, but was neither published nor stored");
            }
        }
    }

    private static ChangeRecord? Decode(byte[] record, int position)
    {
        try
        {
            var decoded = ChangeRecordDecoder.Decode(new RecordSlice(position, record));
            _ = decoded.ItemKey;
            return decoded;
        }
        catch (DecodingException)
        {
            return null;
        }
    }

    /// <summary>The position a reason names: it starts <c>record N</c>.</summary>
    private static int NamedPosition(string reason)
    {
        Assert.StartsWith("record ", reason, StringComparison.Ordinal);
        var digits = reason.AsSpan(7);
        var end = digits.IndexOfAnyExceptInRange('0', '9');
        return int.Parse(end < 0 ? digits : digits[..end], CultureInfo.InvariantCulture);
    }

    private static List<(string, string, string)> Stored(Invocation invocation) =>
        [.. invocation.Stored.Select(r => (r.Stage, r.Reason, Convert.ToBase64String(r.Record))).Order()];

    /// <summary>A valid batch with one to three changes: a record mutated in place, a mutated record or a copy of a
    /// valid one put in anywhere.</summary>
    private static byte[] MutatedBatch(Random random)
    {
        var valid = CorpusBatches.Valid(random.Next(2) == 0 ? "dynamodb" : "kinesis");
        var records = new List<byte[]>(valid);
        var mutator = new FuzzMutator(random, FuzzSeeds.Records);
        byte[] Mutated(byte[] record)
        {
            // Lambda's own JSON is always valid: most records broken into something else than one JSON value are
            // broken again within the JSON instead, so most batches reach the decoder.
            var mutated = mutator.Mutate(record);
            return random.Next(8) == 0 || IsOneJsonValue(mutated) ? mutated : mutator.MutateTree(record) ?? mutated;
        }

        for (var count = 1 + random.Next(3); count > 0; count--)
        {
            var at = random.Next(records.Count + 1);
            switch (random.Next(4))
            {
                case 0:
                    at = random.Next(records.Count);
                    records[at] = Mutated(records[at]);
                    break;
                case 1:
                    records.Insert(at, Mutated(FuzzSeeds.PickRecord(random)));
                    break;
                case 2:
                    records.Insert(at, Mutated(valid[random.Next(valid.Length)]));
                    break;
                default:
                    // Kinesis delivers a change more than once; Lambda re-delivers records.
                    records.Insert(at, valid[random.Next(valid.Length)]);
                    break;
            }
        }

        return CorpusBatches.Batch(records);
    }

    private static bool IsOneJsonValue(byte[] json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = int.MaxValue });
        try
        {
            return reader.Read() && reader.TrySkip() && !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The batch's records as a JSON parser other than the bridge's splits them; null when it is not one
    /// JSON event with one Records array.</summary>
    private static List<byte[]>? Records(byte[] batch)
    {
        // JsonDocument takes seconds over 20,000 levels of nesting; the reader takes milliseconds.
        var reader = new Utf8JsonReader(batch, new JsonReaderOptions { MaxDepth = int.MaxValue });
        List<byte[]>? records = null;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isRecords = IsRecords(ref reader);
                reader.Read();
                if (!isRecords)
                {
                    reader.Skip();
                    continue;
                }

                // A record that closed the array early can start a second Records: the bridge rejects the event then.
                if (records is not null || reader.TokenType != JsonTokenType.StartArray)
                {
                    return null;
                }

                records = [];
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    records.Add(batch[start..(int)reader.BytesConsumed]);
                }
            }

            // Anything after the event makes it something other than one event.
            return reader.Read() ? null : records;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A name holding an unpaired surrogate escape is not "Records", though comparing it throws.</summary>
    private static bool IsRecords(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.ValueTextEquals("Records"u8);
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>The message ids each valid record publishes when it is alone in its batch, by its bytes.</summary>
    private async Task<Dictionary<string, HashSet<Guid>>> Baseline()
    {
        var baseline = new Dictionary<string, HashSet<Guid>>(StringComparer.Ordinal);
        foreach (var record in FuzzSeeds.ValidRecords)
        {
            var alone = await bridge.InvokeAsync(CorpusBatches.Batch([record]));
            Assert.Equal(Invocation.NoFailures, alone.Response);
            Assert.NotEmpty(alone.Published);
            baseline[Convert.ToBase64String(record)] = [.. alone.Published.Select(p => p.MessageId)];
        }

        return baseline;
    }
}
