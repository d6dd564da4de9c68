using System.IO.Pipelines;
using System.Text;
using Bus.StreamBridge.Decoding;
using Bus.StreamBridge.Records;
using Bus.StreamBridge.Tests.Builders;

namespace Bus.StreamBridge.Tests.Records;

/// <summary>
/// Reading a file an event at a time splits it exactly as reading it whole does, however the bytes arrive: the
/// samples, the fixtures and every input of the bad-input corpus, handed over in pieces of 1, 7 and 4,096 bytes.
/// </summary>
public sealed class StreamEventFileTests
{
    public static TheoryData<string> Inputs()
    {
        var root = AppContext.BaseDirectory;
        return
        [
            .. new[] { "samples", Path.Combine("Fixtures", "Streams"), Path.Combine("BadInput", "corpus") }
                .SelectMany(d => Directory.GetFiles(Path.Combine(root, d), "*", SearchOption.AllDirectories))
                .Where(f => Path.GetFileName(f) != "manifest.json")
                .Select(f => Path.GetRelativePath(root, f))
                .Order(StringComparer.Ordinal),
        ];
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task Splits_as_the_whole_input_reader_does_in_pieces_of_any_size(string file)
    {
        var bytes = Fixture.Bytes(file);
        var (expected, expectedError) = Whole(bytes);

        foreach (var piece in new[] { 1, 7, 4096 })
        {
            var (actual, actualError) = await Streamed(new PiecesStream(bytes, piece));

            Assert.Equal(expectedError, actualError);
            if (expectedError is null)
            {
                Assert.Equal(Describe(expected), Describe(actual));
            }
        }
    }

    [Fact]
    public void The_inputs_cover_several_events_errors_and_a_byte_order_mark()
    {
        var files = Inputs().Select(row => row.Data).ToList();

        Assert.Contains(files, f => f.EndsWith("two-events.jsonl", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith("event-then-garbage.json", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith("byte-order-mark.json", StringComparison.Ordinal));
        Assert.True(files.Count >= 60, $"{files.Count} files");
    }

    [Fact]
    public async Task An_event_larger_than_the_first_read_grows_the_buffer_and_stays_whole()
    {
        var big = new string('x', 600_000);
        var input = Json.Utf8($$"""{"Records": [{"eventID": "a", "pad": "{{big}}"}, {"eventID": "b"}]}""" + "\n" + """{"Records": [{"eventID": "c"}]}""");

        var (events, error) = await Streamed(new PiecesStream(input, 100_000));

        Assert.Null(error);
        Assert.Equal([2, 1], events.Select(e => e.Records.Count));
        Assert.Equal(600_000 + 27, events[0].Records[0].Json.Length);
        Assert.Equal("""{"eventID": "c"}""", Encoding.UTF8.GetString(events[1].Records[0].Json.Span));
    }

    [Fact]
    public async Task Invalid_json_names_the_event_and_the_line_and_byte_in_the_whole_file()
    {
        var input = Json.Utf8("{\"Records\": []}\n{\"Records\": [{\"eventID\": \"a\"}]}\n\n{\"Records\": [}");

        var (events, error) = await Streamed(new PiecesStream(input, 5));

        Assert.Equal(2, events.Count);
        Assert.Equal("event 2: input is not valid JSON (line 4, byte 14)", error);
    }

    [Fact]
    public async Task Each_event_comes_as_soon_as_its_last_byte_does()
    {
        var pipe = new Pipe();
        await using var events = StreamEventFile.ReadAsync(pipe.Reader.AsStream()).GetAsyncEnumerator();

        await pipe.Writer.WriteAsync(Json.Utf8("""{"Records": [{"eventID": "a"}]}""" + "\n"));
        var first = events.MoveNextAsync().AsTask();
        var arrived = await Task.WhenAny(first, Task.Delay(TimeSpan.FromSeconds(10)));

        Assert.Same(first, arrived);
        Assert.True(await first);
        Assert.Equal(0, events.Current.Index);
        await pipe.Writer.CompleteAsync();
        Assert.False(await events.MoveNextAsync());
    }

    [Fact]
    public async Task A_file_is_read_from_disk()
    {
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(path, Fixture.Stream("two-events.jsonl"));
            await using var file = StreamEventFile.Open(path);

            var (events, error) = await Streamed(file);

            Assert.Null(error);
            Assert.Equal([0, 1], events.Select(e => e.Index));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static (IReadOnlyList<StreamEvent> Events, string? Error) Whole(byte[] bytes)
    {
        try
        {
            return (StreamEventReader.Read(bytes), null);
        }
        catch (DecodingException e)
        {
            return ([], e.Message);
        }
    }

    /// <summary>Every event read before the first error, each with its own copy of its bytes, and the error's message; with
    /// <paramref name="decodeRecords"/>, records decoded where they are found, as the command line decodes them (it also
    /// borrows the reading buffer, which <c>DecodeInPlaceTests</c> checks event by event as they arrive).</summary>
    internal static async Task<(List<StreamEvent> Events, string? Error)> Streamed(Stream input, bool decodeRecords = false)
    {
        var events = new List<StreamEvent>();
        try
        {
            await foreach (var streamEvent in StreamEventFile.ReadAsync(input, decodeRecords))
            {
                events.Add(streamEvent);
            }

            return (events, null);
        }
        catch (DecodingException e)
        {
            return (events, e.Message);
        }
    }

    /// <summary>Compared after all events are read: a record that pointed into the reader's buffer would have
    /// changed by then.</summary>
    internal static List<string> Describe(IEnumerable<StreamEvent> events) =>
    [
        .. events.SelectMany(e => e.Records.Select(r => $"{e.Index}/{r.Position}: {Convert.ToBase64String(r.Json.Span)}")
            .Prepend($"event {e.Index}, {e.Records.Count} records")),
    ];
}
