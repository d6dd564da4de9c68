using System.Diagnostics;
using Bus.Contracts;
using Bus.Messaging.Gateway;
using Bus.TestSupport;

namespace Bus.ConsumerThroughput;

/// <summary>
/// What the loopback stand-in received once the gateway drained: every expected effect called once, told apart by its
/// <c>Idempotency-Key</c> (<c>&lt;effect&gt;:&lt;StreamEventId&gt;:&lt;event type&gt;</c>, see <c>EffectKeys</c>). A retried call
/// carries the same key, so a duplicate here is a doubled effect. Only calls caused by the run's own events count: Bus's domain
/// queue is also bound to the shared contract exchanges, where other engineers' tests publish events of their own.
/// </summary>
public sealed record ExternalCallCheck(int Expected, int Received, int DistinctKeys, int Foreign)
{
    private static readonly TimeSpan StallTimeout = TimeSpan.FromSeconds(30);

    public bool Ok => Received == Expected && DistinctKeys == Expected;

    public override string ToString() => $"calls={Received}/{Expected}, distinct keys={DistinctKeys}, foreign calls ignored={Foreign}";

    /// <summary>Waits until <paramref name="expected"/> calls caused by <paramref name="events"/> arrived, or none arrived for 30 s.</summary>
    public static async Task WaitFor(LoopbackHttpServer external, IReadOnlyList<BenchEvent> events, int expected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(external);
        var ours = StreamEventIds(events);
        var lastProgress = Stopwatch.StartNew();
        var seen = -1;
        int count;
        while ((count = external.Requests.Count(r => IsCausedBy(r, ours))) < expected && lastProgress.Elapsed < StallTimeout)
        {
            await Task.Delay(50, cancellationToken);
            if (count != seen)
            {
                seen = count;
                lastProgress.Restart();
            }
        }
    }

    /// <summary>Counts the calls after a second more, for any duplicate still in flight.</summary>
    public static async Task<ExternalCallCheck> Count(LoopbackHttpServer external, IReadOnlyList<BenchEvent> events, int expected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(external);
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        var ours = StreamEventIds(events);
        var requests = external.Requests.ToArray();
        var caused = requests.Where(r => IsCausedBy(r, ours)).ToArray();
        var keys = caused.Select(r => r.Headers[WebhookSignature.IdempotencyKeyHeader]).Distinct().Count();
        return new ExternalCallCheck(expected, caused.Length, keys, requests.Length - caused.Length);
    }

    private static HashSet<string> StreamEventIds(IReadOnlyList<BenchEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return events.Select(e => ((IChangeEvent)e.Message).Change.StreamEventId).ToHashSet(StringComparer.Ordinal);
    }

    private static bool IsCausedBy(ReceivedRequest request, HashSet<string> streamEventIds) =>
        request.Headers.TryGetValue(WebhookSignature.IdempotencyKeyHeader, out var key)
        && key.Split(':') is [_, var streamEventId, _]
        && streamEventIds.Contains(streamEventId);
}
