using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Bus.StreamBridge.Decoding;
using Bus.StreamBridge.Records;
using Bus.StreamBridge.Tests.Builders;

namespace Bus.StreamBridge.Tests.Records;

/// <summary>
/// The command line's file reader decodes each record where it finds it and goes on after it without reading its tokens
/// again (<see cref="EventSplitter"/> with <c>decodeRecords</c>). Nothing a caller sees may differ from reading the
/// tokens: the same splits, the same records, and the same errors, naming the same line and byte, for every input of the
/// samples, fixtures and bad-input corpus, for inputs broken at hundreds of places after records that were decoded in
/// place, and however the bytes arrive.
/// </summary>
public sealed class DecodeInPlaceTests
{
    private static readonly int[] Pieces = [1, 7, 4096, int.MaxValue];

    public static TheoryData<string> Inputs() => StreamEventFileTests.Inputs();

    [Fact]
    public void The_reader_state_can_be_moved_on_this_runtime()
    {
        // Without it every record is read twice, as before; the tests below would still pass, so this one says so.
        Assert.True(ReaderStates.Supported);
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task Splits_decodes_and_fails_as_reading_the_tokens_does(string file)
    {
        var bytes = Fixture.Bytes(file);
        var (expected, expectedError) = await StreamEventFileTests.Streamed(new MemoryStream(bytes));

        foreach (var piece in Pieces)
        {
            var (actual, actualError) = await StreamEventFileTests.Streamed(new PiecesStream(bytes, piece), decodeRecords: true);

            Assert.Equal(expectedError, actualError);
            Assert.Equal(StreamEventFileTests.Describe(expected), StreamEventFileTests.Describe(actual));
            Assert.Equal(Decoded(expected), Decoded(actual));
        }
    }

    /// <summary>
    /// The command line's form: each event's records refer to the reading buffer (<c>borrowBytes</c>), valid until the next
    /// event is asked for. Read that way and looked at on arrival, as <c>decode</c> and <c>translate</c> do, every event is
    /// what a reading with its own copy gives: splits, bytes, decoded records (their <c>Raw</c> included) and errors.
    /// </summary>
    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task Events_whose_records_refer_to_the_reading_buffer_are_whole_until_the_next_is_read(string file)
    {
        var bytes = Fixture.Bytes(file);
        foreach (var decodeRecords in new[] { false, true })
        {
            var (owned, ownedError) = await StreamEventFileTests.Streamed(new MemoryStream(bytes), decodeRecords);
            var expected = StreamEventFileTests.Describe(owned).Concat(Decoded(owned)).ToList();

            foreach (var piece in Pieces)
            {
                var (actual, actualError) = await OnArrival(new PiecesStream(bytes, piece), decodeRecords);

                Assert.Equal(ownedError, actualError);
                Assert.Equal(expected, actual);
            }
        }
    }

    [Fact]
    public async Task Events_read_on_refer_to_the_same_buffer_without_a_copy()
    {
        // Two events in one buffer: the second's records are slices of the array the first's were, not copies.
        var input = Json.Utf8("""{"Records": [{"eventID": "a"}]}""" + "\n" + """{"Records": [{"eventID": "b"}]}""");
        var arrays = new List<byte[]>();
        await foreach (var streamEvent in StreamEventFile.ReadAsync(new MemoryStream(input), decodeRecords: false, borrowBytes: true))
        {
            Assert.True(MemoryMarshal.TryGetArray(streamEvent.Records[0].Json, out var segment));
            arrays.Add(segment.Array!);
        }

        Assert.Equal(2, arrays.Count);
        Assert.Same(arrays[0], arrays[1]);
    }

    /// <summary>Each event described the moment it arrives (before the next is read), then the error that ended the input.</summary>
    private static async Task<(List<string> Events, string? Error)> OnArrival(Stream input, bool decodeRecords)
    {
        var described = new List<string>();
        var decoded = new List<string>();
        try
        {
            await foreach (var streamEvent in StreamEventFile.ReadAsync(input, decodeRecords, borrowBytes: true))
            {
                described.AddRange(StreamEventFileTests.Describe([streamEvent]));
                decoded.AddRange(Decoded([streamEvent]));
            }

            return ([.. described, .. decoded], null);
        }
        catch (DecodingException e)
        {
            return ([.. described, .. decoded], e.Message);
        }
    }

    /// <summary>The handler's form on one processor: the whole input in one buffer, each record decoded without its
    /// images where it is found, then through <see cref="Bus.StreamBridge.Pipeline.RecordDecoding"/> and each record's
    /// images in its turn: the same outcomes as decoding each record from its bytes.</summary>
    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task Records_decoded_without_their_images_where_they_are_found_decode_as_from_their_bytes(string file)
    {
        var bytes = Fixture.Bytes(file);
        var (expected, expectedError) = await Outcomes(bytes, RecordDecode.None);

        var (actual, actualError) = await Outcomes(bytes, RecordDecode.DeferringImages);

        Assert.Equal(expectedError, actualError);
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData("samples/dynamodb-new-and-old-images.json")]
    [InlineData("samples/kinesis-data-streams.json")]
    [InlineData("Fixtures/Streams/two-events.jsonl")]
    public async Task Valid_records_are_decoded_where_they_are_found(string file)
    {
        var (events, error) = await StreamEventFileTests.Streamed(new MemoryStream(Fixture.Bytes(file)), decodeRecords: true);

        Assert.Null(error);
        var slices = events.SelectMany(e => e.Records).ToList();
        Assert.NotEmpty(slices);
        Assert.All(slices, slice =>
        {
            Assert.NotNull(slice.Decoded);
            // The record refers to the event's own copy of its bytes, not to the reading buffer.
            Assert.True(slice.Decoded.Raw.Span.SequenceEqual(slice.Json.Span));
        });
    }

    /// <summary>
    /// Pretty-printed events (line breaks inside and between records, also as CR LF) and JSON Lines, broken at every 3rd byte (at
    /// about 1,500 places of a larger one, an odd step apart): one byte
    /// replaced by one that is never valid there, or the input cut off. The error names the line and byte the token
    /// reader names, also when records before it were decoded in place and skipped.
    /// </summary>
    [Theory]
    [InlineData("samples/dynamodb-new-and-old-images.json")]
    [InlineData("samples/dynamodb-ttl-expiry.json")]
    [InlineData("samples/kinesis-data-streams.json")]
    [InlineData("Fixtures/Streams/two-events.jsonl")]
    [InlineData("samples/dynamodb-new-image.json", true)]
    public async Task Inputs_broken_after_decoded_records_name_the_same_line_and_byte(string file, bool windowsLineEnds = false)
    {
        var bytes = Fixture.Bytes(file);
        if (windowsLineEnds)
        {
            // A carriage return is a byte of its line, a line feed starts the next.
            bytes = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(bytes).ReplaceLineEndings("\r\n"));
        }

        // Every 3rd byte, or about 1,500 places spread over a larger input (each place reads it six times).
        var (broken, places, step) = (0, 0, Math.Max(3, bytes.Length / 1500) | 1);
        for (var at = 0; at < bytes.Length; at += step)
        {
            places++;
            foreach (var variant in new[] { Replaced(bytes, at, (byte)'#'), Replaced(bytes, at, (byte)'}'), bytes[..at] })
            {
                var (expected, expectedError) = await StreamEventFileTests.Streamed(new MemoryStream(variant));
                foreach (var piece in new[] { 61, int.MaxValue })
                {
                    var (actual, actualError) = await StreamEventFileTests.Streamed(new PiecesStream(variant, piece), decodeRecords: true);

                    Assert.Equal(expectedError, actualError);
                    Assert.Equal(StreamEventFileTests.Describe(expected), StreamEventFileTests.Describe(actual));
                }

                broken += expectedError is { } message && message.Contains("line", StringComparison.Ordinal) ? 1 : 0;
            }
        }

        // Most variants are invalid JSON somewhere after the first record.
        Assert.True(broken > places, $"{broken} of {3 * places} variants with a JSON error");
    }

    [Fact]
    public async Task A_record_that_does_not_decode_is_split_as_before_and_fails_with_its_own_error()
    {
        var input = Json.Utf8(
            "{\"Records\": [\n" + new StreamRecordJson { EventId = "a" }.ToJson() + ",\n{\"eventID\": \"b\"},\n"
            + new StreamRecordJson { EventId = "c" }.ToJson() + "\n]}\n");

        var (events, error) = await StreamEventFileTests.Streamed(new MemoryStream(input), decodeRecords: true);

        Assert.Null(error);
        var slices = events.Single().Records;
        Assert.Equal(3, slices.Count);
        Assert.NotNull(slices[0].Decoded);
        Assert.Null(slices[1].Decoded);
        Assert.NotNull(slices[2].Decoded);
        var failure = Assert.Throws<DecodingException>(() => ChangeRecordDecoder.Decode(slices[1]));
        Assert.Equal("eventName is missing", failure.Message);
    }

    [Theory]
    [InlineData("samples/dynamodb-new-and-old-images.json")]
    [InlineData("samples/kinesis-data-streams.json")]
    public void Records_decoded_without_their_images_refer_to_the_input_and_decode_them_from_it(string file)
    {
        var input = Fixture.Bytes(file);

        var slices = StreamEventReader.Read(input, onRecord: null, RecordDecode.DeferringImages).Single().Records;

        Assert.All(slices, slice =>
        {
            Assert.True(slice.Decoded is { ImagesDeferred: true });
            Assert.True(slice.Decoded.Raw.Span.SequenceEqual(slice.Json.Span));
            Assert.Same(slice.Decoded, ChangeRecordDecoder.DecodeDeferringImages(slice));
            // A whole decode is not served by a record without its images.
            Assert.False(ChangeRecordDecoder.Decode(slice).ImagesDeferred);
            Assert.Equal(Render(new RecordSlice(slice.Position, slice.Json)), Render(slice));
        });
    }

    /// <summary>Each record's outcome through <see cref="Bus.StreamBridge.Pipeline.RecordDecoding"/> on one thread, and
    /// then with its images (or their error); the reader's error, if any.</summary>
    private static async Task<(List<string> Outcomes, string? Error)> Outcomes(byte[] input, RecordDecode decode)
    {
        await using var decoding = new Bus.StreamBridge.Pipeline.RecordDecoding(parallel: false);
        string? error = null;
        try
        {
            _ = StreamEventReader.Read(input, (index, slice) =>
            {
                if (index == 0)
                {
                    decoding.Add(slice);
                }
            }, decode);
        }
        catch (DecodingException e)
        {
            error = e.Message;
        }

        await decoding.CompleteAsync();
        var outcomes = new List<string>();
        for (var k = 0; k < decoding.Count; k++)
        {
            var (record, failure) = decoding[k];
            if (record is null)
            {
                outcomes.Add($"{k}: error {failure!.Message}");
                continue;
            }

            outcomes.Add($"{k}: {Describe(record)}");
            try
            {
                outcomes.Add($"{k} whole: {Describe(record.DecodeFully())}");
            }
            catch (DecodingException e)
            {
                outcomes.Add($"{k} whole: error {e.Message}");
            }
        }

        return (outcomes, error);
    }

    private static byte[] Replaced(byte[] bytes, int at, byte value)
    {
        var copy = (byte[])bytes.Clone();
        copy[at] = value;
        return copy;
    }

    /// <summary>Every record decoded (or its error), with every property, the images with their exact digits.</summary>
    private static List<string> Decoded(IEnumerable<StreamEvent> events) =>
        [.. events.SelectMany(e => e.Records).Select(Render)];

    private static string Render(RecordSlice slice)
    {
        try
        {
            return $"{slice.Position}: {Describe(ChangeRecordDecoder.Decode(slice))}";
        }
        catch (DecodingException e)
        {
            return $"{slice.Position}: error {e.Message}";
        }
    }

    private static string Describe(ChangeRecord record)
    {
        var text = new StringBuilder();
        foreach (var property in typeof(ChangeRecord).GetProperties().OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            var value = property.GetValue(record);
            text.Append(' ').Append(property.Name).Append('=').Append(value switch
            {
                AttributeMap map => Plain(map),
                ReadOnlyMemory<byte> bytes => Convert.ToBase64String(bytes.Span),
                IFormattable formattable => formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
                _ => value?.ToString() ?? "null",
            });
        }

        return text.ToString();
    }

    private static string Plain(AttributeMap map)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, PlainJsonWriter.Options))
        {
            PlainJsonWriter.WriteMap(writer, map);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
