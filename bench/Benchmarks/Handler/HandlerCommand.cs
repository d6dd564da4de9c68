using System.Diagnostics;
using System.Globalization;
using System.Text;
using Bus.Benchmarks.Generation;
using Bus.StreamBridge.Hosting;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Bus.Benchmarks.Handler;

/// <summary>
/// <c>handler [--records N] [--iterations N] [--warmup N] [--kinesis]</c>: the Lambda handler of the real
/// registration on the in-memory bus, one generated batch per invocation. Prints wall time, allocated bytes, the
/// peak resident set above the resident set before the batch, and events published, per batch; then medians.
/// </summary>
internal static class HandlerCommand
{
    private const string Acknowledged = """{"batchItemFailures":[]}""";

    public static async Task<int> RunAsync(string[] args)
    {
        var (records, iterations, warmup, kinesis) = (10_000, 15, 5, false);
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--records": records = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--iterations": iterations = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--warmup": warmup = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--kinesis": kinesis = true; break;
                default:
                    Console.Error.WriteLine($"handler: unknown option {args[i]}");
                    return 2;
            }
        }

        var batch = EventFileWriter.Event(records, kinesis);
        Console.WriteLine($"batch: {records} {(kinesis ? "Kinesis" : "DynamoDB Streams")} records, {batch.Length / 1048576.0:F2} MiB");
        using var host = await BridgeSetup.StartedLambdaHostAsync();
        var handler = host.Services.GetRequiredService<StreamBatchHandler>();
        var counter = new PublishCounter();
        using var observer = new ObserverHandle(host.Services.GetRequiredService<IBus>().ConnectPublishObserver(counter));

        // The idle host's resident set: what the process needs before any batch, the batch's input included.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var idle = ProcessMemory.Resident();
        Console.WriteLine($"idle host resident: {idle / 1048576.0:F1} MiB");
        var measurements = new List<Measurement>();
        Measurement? cold = null;
        for (var i = 0; i < warmup + iterations; i++)
        {
            var measured = await MeasureAsync(handler, batch, counter, idle);
            cold ??= measured;
            var label = i < warmup ? $"warm-up {i + 1}" : $"batch {i - warmup + 1}";
            Console.WriteLine($"{label,-11} {measured}");
            if (i >= warmup)
            {
                measurements.Add(measured);
            }
        }

        await host.StopAsync();
        Summarize(measurements, cold!, records);
        return 0;
    }

    private static async Task<Measurement> MeasureAsync(StreamBatchHandler handler, byte[] batch, PublishCounter counter, long idle)
    {
        // Start each batch from a collected heap, as a Lambda invocation after an idle pause would.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var published = counter.Published;
        var resident = ProcessMemory.Resident();
        var peakReset = ProcessMemory.ResetPeak();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var collections = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var paused = GC.GetTotalPauseDuration();
        var clock = Stopwatch.StartNew();

        await using var response = await handler.HandleAsync(new MemoryStream(batch, writable: false), CancellationToken.None);

        clock.Stop();
        var cpuDelta = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var pause = GC.GetTotalPauseDuration() - paused;
        var gcs = (GC.CollectionCount(0) - collections.Item1, GC.CollectionCount(1) - collections.Item2, GC.CollectionCount(2) - collections.Item3);
        var allocatedDelta = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        var peak = peakReset ? ProcessMemory.PeakResident() : -1;
        var lastGc = GC.GetGCMemoryInfo(GCKind.Any);
        var promoted = gcs.Item1 > 0 ? lastGc.PromotedBytes : 0;
        var body = Encoding.UTF8.GetString(((MemoryStream)response).ToArray());
        if (body != Acknowledged || counter.Faulted != 0)
        {
            throw new InvalidOperationException($"the batch was not fully acknowledged: {body}, {counter.Faulted} publish faults");
        }

        return new Measurement(clock.Elapsed, cpuDelta, allocatedDelta, peak - resident, peak - idle, counter.Published - published, gcs, pause, promoted);
    }

    private static void Summarize(List<Measurement> measurements, Measurement cold, int records)
    {
        var wall = Median(measurements, m => m.Wall.TotalMilliseconds);
        var (fastest, slowest) = (measurements.Min(m => m.Wall.TotalMilliseconds), measurements.Max(m => m.Wall.TotalMilliseconds));
        var cpu = Median(measurements, m => m.Cpu.TotalMilliseconds);
        var pause = Median(measurements, m => m.GcPause.TotalMilliseconds);
        var allocated = Median(measurements, m => m.Allocated);
        var peak = Median(measurements, m => m.PeakResidentDelta);
        var overIdle = Median(measurements, m => m.PeakOverIdle);

        Console.WriteLine($"median of {measurements.Count}: {wall:F1} ms per batch (min {fastest:F1}, max {slowest:F1}), " +
            $"{records / wall * 1000:F0} records/s, CPU {cpu:F1} ms (all threads), GC pauses {pause:F1} ms, allocated {allocated / 1048576:F1} MiB ({allocated / records:F0} B/record), " +
            $"peak resident +{peak / 1048576:F1} MiB over the batch's start and +{overIdle / 1048576:F1} MiB over the idle host " +
            $"(first batch: +{cold.PeakOverIdle / 1048576.0:F1} MiB, {cold.Wall.TotalMilliseconds:F0} ms), {measurements[0].Events} events published per batch");
    }

    private static double Median(List<Measurement> measurements, Func<Measurement, double> value)
    {
        var sorted = measurements.Select(value).Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>One batch's figures; <c>Collections</c> counts the garbage collections during it (gen0, gen1, gen2;
    /// a gen1 collection counts in gen0 too) and <c>GcPause</c> the time they held the process's threads.</summary>
    private sealed record Measurement(TimeSpan Wall, TimeSpan Cpu, long Allocated, long PeakResidentDelta, long PeakOverIdle, long Events,
        (int Gen0, int Gen1, int Gen2) Collections, TimeSpan GcPause, long LastPromoted)
    {
        public override string ToString() =>
            $"{Wall.TotalMilliseconds,7:F1} ms  CPU {Cpu.TotalMilliseconds,7:F1} ms  allocated {Allocated / 1048576.0,6:F1} MiB  GCs {Collections.Gen0}/{Collections.Gen1}/{Collections.Gen2} ({GcPause.TotalMilliseconds:F1} ms, the last promoted {LastPromoted / 1048576.0:F1} MiB)  " +
            $"peak resident +{PeakResidentDelta / 1048576.0,5:F1} MiB over the batch's start, +{PeakOverIdle / 1048576.0,5:F1} MiB over the idle host  {Events} events";
    }

    private sealed class ObserverHandle(ConnectHandle handle) : IDisposable
    {
        public void Dispose() => handle.Disconnect();
    }
}
