using System.Diagnostics;
using System.Text.Json;
using Bus.EndToEnd.Workload;
using Bus.StreamBridge.Hosting;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Bus.EndToEnd.Feeding;

/// <summary>
/// The stream bridge as its Lambda runs it, in this process: the real registration (<c>AddStreamBridge</c>) on RabbitMQ
/// with publisher confirms, invoked through <see cref="StreamBatchHandler"/> with the event JSON of each batch, one batch
/// at a time as Lambda does per shard. A batch answered with <c>batchItemFailures</c> is sent again from the reported
/// record, as Lambda would.
/// </summary>
internal sealed class BridgeFeeder : IAsyncDisposable
{
    private const int MaxAttempts = 5;
    private readonly IHost _host;
    private readonly StreamBatchHandler _handler;

    private BridgeFeeder(IHost host)
    {
        _host = host;
        _handler = host.Services.GetRequiredService<StreamBatchHandler>();
        Published = new PublishRecorder();
        host.Services.GetRequiredService<IBus>().ConnectPublishObserver(Published);
    }

    public PublishRecorder Published { get; }

    public static async Task<BridgeFeeder> StartAsync(IReadOnlyDictionary<string, string?> settings, CancellationToken cancellationToken)
    {
        var builder = BridgeHost.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddStreamBridge(builder.Configuration);
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return new BridgeFeeder(host);
    }

    /// <summary>
    /// Steady rate: record i is due (and created) at start + i / <paramref name="rate"/>; every
    /// <paramref name="interval"/> the records that fell due are sent as one batch. A batch that is sent late keeps its
    /// records' creation times, so a feeder (or bridge) that falls behind shows in the latencies instead of hiding.
    /// </summary>
    public async Task<FeedResult> FeedSteadyAsync(IReadOnlyList<GeneratedRecord> records, double rate, TimeSpan interval, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var start = DateTimeOffset.UtcNow;
        var created = new Dictionary<string, DateTimeOffset>(records.Count);
        var (batches, retries, maxLag, next) = (0, 0, TimeSpan.Zero, 0);
        for (var slot = 1; next < records.Count; slot++)
        {
            var slotEnd = interval * slot;
            var due = Math.Min(records.Count, (int)Math.Ceiling(slotEnd.TotalSeconds * rate));
            if (due <= next)
            {
                continue;
            }

            var wait = slotEnd - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }
            else
            {
                maxLag = -wait > maxLag ? -wait : maxLag;
            }

            var batch = new GeneratedRecord[due - next];
            var times = new DateTimeOffset[batch.Length];
            for (var i = 0; i < batch.Length; i++)
            {
                batch[i] = records[next + i];
                times[i] = LambdaEventWriter.ToRecordPrecision(start + TimeSpan.FromSeconds((next + i) / rate));
                created[batch[i].EventId] = times[i];
            }

            (batches, retries) = Add((batches, retries), await SendAsync(batch, times, cancellationToken));
            next = due;
        }

        return new FeedResult(records.Count, batches, retries, start, DateTimeOffset.UtcNow, maxLag, created);
    }

    /// <summary>Saturation: batches of <paramref name="batchSize"/> back to back, each record created as its batch is built.</summary>
    public async Task<FeedResult> FeedSaturatedAsync(IReadOnlyList<GeneratedRecord> records, int batchSize, CancellationToken cancellationToken)
    {
        var start = DateTimeOffset.UtcNow;
        var created = new Dictionary<string, DateTimeOffset>(records.Count);
        var (batches, retries) = (0, 0);
        for (var next = 0; next < records.Count; next += batchSize)
        {
            var batch = records.Skip(next).Take(batchSize).ToArray();
            var now = LambdaEventWriter.ToRecordPrecision(DateTimeOffset.UtcNow);
            var times = Enumerable.Repeat(now, batch.Length).ToArray();
            foreach (var record in batch)
            {
                created[record.EventId] = now;
            }

            (batches, retries) = Add((batches, retries), await SendAsync(batch, times, cancellationToken));
        }

        return new FeedResult(records.Count, batches, retries, start, DateTimeOffset.UtcNow, TimeSpan.Zero, created);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
    }

    private static (int, int) Add((int Batches, int Retries) a, (int Batches, int Retries) b) => (a.Batches + b.Batches, a.Retries + b.Retries);

    private async Task<(int Batches, int Retries)> SendAsync(GeneratedRecord[] batch, DateTimeOffset[] times, CancellationToken cancellationToken)
    {
        var (from, batches) = (0, 0);
        while (true)
        {
            batches++;
            using var input = new MemoryStream(LambdaEventWriter.Write(batch[from..], times[from..]));
            await using var output = await _handler.HandleAsync(input, cancellationToken);
            using var response = await JsonDocument.ParseAsync(output, cancellationToken: cancellationToken);
            var failures = response.RootElement.GetProperty("batchItemFailures");
            if (failures.GetArrayLength() == 0)
            {
                return (batches, batches - 1);
            }

            var retryFrom = decimal.Parse(failures[0].GetProperty("itemIdentifier").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            from = Array.FindIndex(batch, r => r.SequenceNumber == retryFrom);
            if (from < 0 || batches >= MaxAttempts)
            {
                throw new InvalidOperationException(
                    $"the bridge kept failing a batch (attempt {batches}, retry from sequence number {retryFrom}); see the bridge's log lines above");
            }
        }
    }
}
