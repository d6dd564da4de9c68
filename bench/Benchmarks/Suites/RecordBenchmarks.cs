using BenchmarkDotNet.Attributes;
using Bus.Benchmarks.Generation;
using Bus.StreamBridge.Cli;
using Bus.StreamBridge.Pipeline;
using Bus.StreamBridge.Records;
using Microsoft.Extensions.Hosting;

namespace Bus.Benchmarks.Suites;

/// <summary>
/// Per-record costs of the <c>translate</c> path over 10,000 generated NEW_AND_OLD_IMAGES records of the three
/// tables. Each operation covers all of them; BenchmarkDotNet divides by <see cref="Records"/>, so Mean and
/// Allocated are per record.
/// </summary>
[MemoryDiagnoser]
public class RecordBenchmarks
{
    public const int Records = 10_000;

    private IHost _host = null!;
    private ChangeProcessor _processor = null!;
    private byte[] _event = [];
    private RecordSlice[] _slices = [];

    [Params(RecordSource.DynamoDbStreams, RecordSource.KinesisDataStreams)]
    public RecordSource Source { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _host = BridgeSetup.CoreHost();
        _processor = _host.Processor();
        _event = EventFileWriter.Event(Records, kinesis: Source == RecordSource.KinesisDataStreams);
        _slices = [.. StreamEventReader.Read(_event)[0].Records];
    }

    [GlobalCleanup]
    public void Cleanup() => _host.Dispose();

    /// <summary>Splitting the event into raw records (<c>StreamEventReader.Read</c>).</summary>
    [Benchmark(OperationsPerInvoke = Records)]
    public int Split() => StreamEventReader.Read(_event)[0].Records.Count;

    /// <summary>Decoding one record into a <c>ChangeRecord</c>.</summary>
    [Benchmark(OperationsPerInvoke = Records)]
    public int Decode()
    {
        var keys = 0;
        foreach (var slice in _slices)
        {
            keys += ChangeRecordDecoder.Decode(slice).Keys.Count;
        }

        return keys;
    }

    /// <summary>Decoding one record as the handler does: the first pass without the images
    /// (<c>DecodeDeferringImages</c>), then the images (<c>DecodeFully</c>).</summary>
    [Benchmark(OperationsPerInvoke = Records)]
    public int DecodeInTwoPasses()
    {
        var keys = 0;
        foreach (var slice in _slices)
        {
            keys += ChangeRecordDecoder.DecodeDeferringImages(slice).DecodeFully().Keys.Count;
        }

        return keys;
    }

    /// <summary>The handler's first pass alone: what it keeps of every record for the whole batch.</summary>
    [Benchmark(OperationsPerInvoke = Records)]
    public int DecodeDeferringImages()
    {
        var keys = 0;
        foreach (var slice in _slices)
        {
            keys += ChangeRecordDecoder.DecodeDeferringImages(slice).Keys.Count;
        }

        return keys;
    }

    /// <summary>The handler's first stage on one processor before 3f6e254: split the event, then decode each record
    /// without its images from its bytes.</summary>
    [Benchmark(OperationsPerInvoke = Records)]
    public int SplitThenDecodeDeferring()
    {
        var keys = 0;
        foreach (var slice in StreamEventReader.Read(_event)[0].Records)
        {
            keys += ChangeRecordDecoder.DecodeDeferringImages(slice).Keys.Count;
        }

        return keys;
    }

    /// <summary>The same since: the splitter decodes each record without its images where it finds it.</summary>
    [Benchmark(OperationsPerInvoke = Records)]
    public int SplitDecodingDeferredInPlace()
    {
        var keys = 0;
        foreach (var slice in StreamEventReader.Read(_event, onRecord: null, RecordDecode.DeferringImages)[0].Records)
        {
            keys += ChangeRecordDecoder.DecodeDeferringImages(slice).Keys.Count;
        }

        return keys;
    }

    /// <summary>Decode, route, translate and assign message ids (what the handler does before publishing).</summary>
    [Benchmark(OperationsPerInvoke = Records)]
    public int Translate()
    {
        var events = 0;
        foreach (var slice in _slices)
        {
            events += TranslateOne(slice).Events.Count;
        }

        return events;
    }

    /// <summary>Everything <c>translate</c> does per record after reading the file: decode, translate, write the
    /// JSON lines (to a null stream).</summary>
    [Benchmark(OperationsPerInvoke = Records)]
    public async Task<int> TranslateToJsonLines()
    {
        var events = 0;
        await using var lines = new JsonLinesWriter(Stream.Null);
        foreach (var slice in _slices)
        {
            // Indexed, as TranslateCommand does.
            var translated = TranslateOne(slice).Events;
            for (var i = 0; i < translated.Count; i++)
            {
                await lines.WriteEventAsync(translated[i]);
                events++;
            }
        }

        return events;
    }

    private TranslatedChange TranslateOne(RecordSlice slice)
    {
        // Without enrichment TranslateAsync completes synchronously.
        var pending = _processor.TranslateAsync(ChangeRecordDecoder.Decode(slice), CancellationToken.None);
        return pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
    }
}
