using BenchmarkDotNet.Attributes;
using Bus.Benchmarks.Generation;
using Bus.StreamBridge.Hosting;
using Bus.StreamBridge.Pipeline;
using Bus.StreamBridge.Publishing;
using Bus.StreamBridge.Records;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Bus.Benchmarks.Suites;

/// <summary>
/// One Lambda invocation with a 10,000-record batch (about 6 MB): <c>StreamBatchHandler.HandleAsync</c> of the real
/// registration (<c>AddStreamBridge</c>), publishing to the started in-memory bus.
/// </summary>
[MemoryDiagnoser]
public class HandlerBenchmarks
{
    private IHost _host = null!;
    private StreamBatchHandler _handler = null!;
    private byte[] _event = [];
    private IEventPublisher _publisher = null!;
    private OutgoingEvent[] _events = [];

    [Params(RecordSource.DynamoDbStreams, RecordSource.KinesisDataStreams)]
    public RecordSource Source { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _host = BridgeSetup.StartedLambdaHostAsync().GetAwaiter().GetResult();
        _handler = _host.Services.GetRequiredService<StreamBatchHandler>();
        _event = EventFileWriter.Event(RecordBenchmarks.Records, kinesis: Source == RecordSource.KinesisDataStreams);
        _publisher = _host.Services.GetRequiredService<IEventPublisher>();
        var processor = _host.Processor();
        _events = [.. StreamEventReader.Read(_event)[0].Records
            .SelectMany(slice => processor.TranslateAsync(ChangeRecordDecoder.Decode(slice), CancellationToken.None).AsTask().Result.Events)];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _host.StopAsync().GetAwaiter().GetResult();
        _host.Dispose();
    }

    [Benchmark]
    public async Task<long> HandleBatch()
    {
        await using var response = await _handler.HandleAsync(new MemoryStream(_event, writable: false), CancellationToken.None);
        return response.Length;
    }

    /// <summary>Only the publishing of the batch's events (already translated), one at a time, through the
    /// registration's <c>IEventPublisher</c>: what the in-memory bus costs.</summary>
    [Benchmark]
    public async Task<int> PublishOnly()
    {
        foreach (var outgoing in _events)
        {
            await _publisher.PublishAsync(outgoing, CancellationToken.None);
        }

        return _events.Length;
    }
}
