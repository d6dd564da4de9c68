using BenchmarkDotNet.Attributes;
using Bus.Benchmarks.Generation;
using Bus.StreamBridge.Hosting;
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

    [Params(RecordSource.DynamoDbStreams, RecordSource.KinesisDataStreams)]
    public RecordSource Source { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _host = BridgeSetup.StartedLambdaHostAsync().GetAwaiter().GetResult();
        _handler = _host.Services.GetRequiredService<StreamBatchHandler>();
        _event = EventFileWriter.Event(RecordBenchmarks.Records, kinesis: Source == RecordSource.KinesisDataStreams);
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
}
