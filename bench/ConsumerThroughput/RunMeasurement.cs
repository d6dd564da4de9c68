using System.Diagnostics;
using Bus.TestSupport;

namespace Bus.ConsumerThroughput;

/// <summary>
/// The part of a run every messaging stack shares: wait for the window to close, read the figures, then check the outcome
/// (the service's tables hold exactly the expected rows, the stand-in got each expected call once).
/// </summary>
public static class RunMeasurement
{
    public static async Task<RunResult> Measure(string service, string mode, MessageWindow window, LoopbackHttpServer external,
        IBenchedService bench, IServiceProvider services, IReadOnlyList<BenchEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(external);
        ArgumentNullException.ThrowIfNull(bench);
        ArgumentNullException.ThrowIfNull(events);
        await window.WaitForAll(cancellationToken);
        // Calls the stand-in had answered when the last domain message completed: the effects delivered in the window (a few
        // may be other runs' events, see ExternalCallCheck; the check below counts only this run's).
        var calls = external.Requests.Count;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - window.CpuAtFirstStart;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - window.AllocatedAtFirstStart;
        var elapsed = window.Elapsed;
        var rows = await bench.RowCounts(services, cancellationToken);
        var expected = bench.ExpectedRowCounts(events);
        var match = expected.All(e => rows.TryGetValue(e.Key, out var n) && n == e.Value);
        // The gateway may still be working through its queue: the whole work of a message ends with its external call.
        await ExternalCallCheck.WaitFor(external, events, bench.ExpectedCalls(events), cancellationToken);
        var drained = DateTime.UtcNow - window.FirstStart;
        var drainedCpu = Process.GetCurrentProcess().TotalProcessorTime - window.CpuAtFirstStart;
        var effects = await ExternalCallCheck.Count(external, events, bench.ExpectedCalls(events), cancellationToken);
        return new RunResult(service, mode, events.Count, elapsed,
            window.Completed / elapsed.TotalSeconds, calls, calls / elapsed.TotalSeconds, window.Faulted, match, window.Completed / cpu.TotalSeconds,
            string.Join(", ", rows.Select(r => $"{r.Key}={r.Value}/{expected.GetValueOrDefault(r.Key)}")), effects,
            window.Completed / drained.TotalSeconds, window.Completed / drainedCpu.TotalSeconds, allocated / Math.Max(1, window.Completed));
    }
}
