using System.Diagnostics;
using Bus.StreamBridge.Decoding;
using Bus.StreamBridge.Records;
using Bus.StreamBridge.Tests.Builders;
using Bus.StreamBridge.Tests.Records;

namespace Bus.StreamBridge.Tests.BadInput.Fuzzing;

/// <summary>
/// The decoder on mutated records and whole mutated events, for a few seconds per run (longer with
/// <c>BUS_FUZZ_SECONDS</c>): every input decodes or fails with a <see cref="DecodingException"/> whose message is one
/// short line, nothing else is thrown, decoding is pure, and time and memory stay proportional to the input.
/// </summary>
public sealed class DecoderFuzzSpecs
{
    /// <summary>Decoding allocates copies of the strings (UTF-16, twice their UTF-8 size), decoded base64 and the
    /// maps; a blow-up beyond this many bytes per input byte (plus a constant) is a bug.</summary>
    private const int AllocationPerByte = 24;

    private const int AllocationConstant = 256 * 1024;

    private static readonly TimeSpan SlowDecode = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Mutated_records_decode_to_a_change_or_fail_with_a_clear_short_error()
    {
        var loop = new FuzzLoop("decoder-records", FuzzSettings.FromEnvironment(TimeSpan.FromSeconds(4)), TimeSpan.FromSeconds(20));

        var summary = await loop.RunAsync(random =>
        {
            var mutator = new FuzzMutator(random, FuzzSeeds.Records);
            var input = mutator.Mutate(FuzzSeeds.PickRecord(random));
            loop.Input(input);
            return Task.FromResult(DecodeOne(input, random.Next(1000)));
        });

        AssertBothOutcomes(summary);
    }

    [Fact]
    public async Task Mutated_events_split_into_records_or_fail_the_invocation_with_a_clear_error()
    {
        var loop = new FuzzLoop("decoder-events", FuzzSettings.FromEnvironment(TimeSpan.FromSeconds(2)), TimeSpan.FromSeconds(20));

        var summary = await loop.RunAsync(async random =>
        {
            var mutator = new FuzzMutator(random, FuzzSeeds.Events);
            var input = mutator.Mutate(FuzzSeeds.Events[random.Next(FuzzSeeds.Events.Count)]);
            loop.Input(input);
            // The CLI's file reader, handed the input in pieces of a random size, splits it the same way.
            var (streamed, streamedError) = await StreamEventFileTests.Streamed(new PiecesStream(input, random.Next(1, 64)));
            IReadOnlyList<StreamEvent> events;
            try
            {
                events = StreamEventReader.Read(input);
            }
            catch (DecodingException e)
            {
                AssertClear(e.Message);
                Assert.Equal(e.Message, streamedError);
                return "event rejected";
            }

            Assert.Null(streamedError);
            Assert.Equal(StreamEventFileTests.Describe(events), StreamEventFileTests.Describe(streamed));
            foreach (var slice in events.SelectMany(e => e.Records))
            {
                _ = DecodeOne(slice.Json.ToArray(), slice.Position);
            }

            return "event read";
        });

        AssertBothOutcomes(summary);
    }

    /// <summary>Decodes one record and checks what the pipeline relies on; returns what it came to.</summary>
    private static string DecodeOne(byte[] json, int position)
    {
        var slice = new RecordSlice(position, json);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var started = Stopwatch.GetTimestamp();
        ChangeRecord record;
        try
        {
            record = ChangeRecordDecoder.Decode(slice);
        }
        catch (DecodingException e)
        {
            AssertBounded(json, allocatedBefore, started);
            AssertClear(e.Message);
            AssertTwoPassesAgree(slice, e.Message, null);
            // The pipeline names a record it cannot decode by what it can still read of it.
            var identity = RecordIdentity.Of(json);
            Assert.True(identity.EventId is null || RecordIdentity.IsEventId(identity.EventId));
            Assert.StartsWith($"record {position}", identity.Describe(position), StringComparison.Ordinal);
            return "rejected";
        }

        AssertBounded(json, allocatedBefore, started);
        Assert.Equal(position, record.Position);
        Assert.True(record.Raw.Span.SequenceEqual(json));
        Assert.True(RecordIdentity.IsEventId(record.EventId), record.EventId);
        Assert.StartsWith($"record {position} (eventID {record.EventId}, sequence {record.Checkpoint})", record.Describe(), StringComparison.Ordinal);
        try
        {
            _ = record.ItemKey;
        }
        catch (DecodingException e)
        {
            AssertClear(e.Message);
            return "rejected by its keys";
        }

        // The generic ItemChanged event renders every image of a decoded record as plain JSON.
        _ = PlainJsonWriter.ToJson(record.Keys);
        _ = record.NewImage is null ? null : PlainJsonWriter.ToJson(record.NewImage);
        _ = record.OldImage is null ? null : PlainJsonWriter.ToJson(record.OldImage);

        var again = ChangeRecordDecoder.Decode(slice);
        Assert.Equal(
            (record.EventId, record.Kind, record.TableName, record.Checkpoint, record.ApproximateCreationTime, record.ItemKey),
            (again.EventId, again.Kind, again.TableName, again.Checkpoint, again.ApproximateCreationTime, again.ItemKey));
        Assert.Equal(record.NewImage, again.NewImage);
        Assert.Equal(record.OldImage, again.OldImage);
        AssertTwoPassesAgree(slice, null, record);
        return "decoded";
    }

    /// <summary>The handler decodes in two passes, the images left for the record's turn
    /// (<see cref="ChangeRecordDecoder.DecodeDeferringImages"/>, then <see cref="ChangeRecord.DecodeFully"/>); together
    /// they come to what one decoding does: the same error, or the same record.</summary>
    private static void AssertTwoPassesAgree(RecordSlice slice, string? error, ChangeRecord? decoded)
    {
        ChangeRecord first;
        try
        {
            first = ChangeRecordDecoder.DecodeDeferringImages(slice);
        }
        catch (DecodingException e)
        {
            Assert.Equal(error, e.Message);
            return;
        }

        Assert.True(first.ImagesDeferred);
        Assert.Null(first.NewImage);
        Assert.Null(first.OldImage);
        ChangeRecord full;
        try
        {
            full = first.DecodeFully();
        }
        catch (DecodingException e)
        {
            Assert.Equal(error, e.Message);
            return;
        }

        Assert.Null(error);
        Assert.False(full.ImagesDeferred);
        Assert.Equal(
            (decoded!.EventId, decoded.Kind, decoded.TableName, decoded.Checkpoint, decoded.ApproximateCreationTime, decoded.ItemKey, decoded.Position),
            (first.EventId, first.Kind, first.TableName, first.Checkpoint, first.ApproximateCreationTime, first.ItemKey, first.Position));
        Assert.Equal(decoded.Keys, first.Keys);
        Assert.Equal(decoded.NewImage, full.NewImage);
        Assert.Equal(decoded.OldImage, full.OldImage);
    }

    /// <summary>Errors go into logs and failure reports: one line, short, whatever the input held.</summary>
    private static void AssertClear(string message)
    {
        Assert.False(string.IsNullOrWhiteSpace(message));
        // A path of 32 nested attributes whose names are cut at 64 characters stays within this.
        if (message.Length > 4096)
        {
            Assert.Fail($"error of {message.Length} characters: {message[..200]}…");
        }

        Assert.False(message.Any(c => char.IsControl(c) || c is '\u2028' or '\u2029'), $"error with a control character: {message}");
    }

    private static void AssertBounded(byte[] json, long allocatedBefore, long started)
    {
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        var elapsed = Stopwatch.GetElapsedTime(started);
        var budget = (long)json.Length * AllocationPerByte + AllocationConstant;
        if (allocated <= budget && elapsed <= SlowDecode)
        {
            return;
        }

        // Only a second decode over budget counts: the first may have grown the shared name table (bounded, and
        // paid once) or met a pause of the shared machine.
        allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        started = Stopwatch.GetTimestamp();
        try
        {
            _ = ChangeRecordDecoder.Decode(new RecordSlice(0, json));
        }
        catch (DecodingException)
        {
        }

        var again = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Assert.True(again <= budget, $"decoding {json.Length} bytes allocated {allocated} bytes, then {again}");
        Assert.True(Stopwatch.GetElapsedTime(started) <= SlowDecode, $"decoding {json.Length} bytes took {elapsed.TotalSeconds:F1} s twice");
    }

    private static void AssertBothOutcomes(FuzzSummary summary)
    {
        Assert.True(summary.Iterations > 0, summary.ToString());
        if (summary.Iterations >= 100)
        {
            // Mutations that only ever fail (or never do) would test the reader's first check and nothing behind it.
            Assert.True(summary.Outcomes.Count >= 2, summary.ToString());
        }
    }
}
