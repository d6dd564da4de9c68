using System.Diagnostics;
using Bus.Messaging.Gateway;
using Bus.TestSupport;

namespace Bus.ConsumerThroughput;

/// <summary>
/// What the loopback stand-in received once the gateway drained: every expected effect called once, told apart by its
/// <c>Idempotency-Key</c>. A retried call carries the same key, so a duplicate here is a doubled effect.
/// </summary>
public sealed record ExternalCallCheck(int Expected, int Received, int DistinctKeys)
{
    private static readonly TimeSpan StallTimeout = TimeSpan.FromSeconds(30);

    public bool Ok => Received == Expected && DistinctKeys == Expected;

    public override string ToString() => $"calls={Received}/{Expected}, distinct keys={DistinctKeys}";

    /// <summary>Waits until <paramref name="expected"/> requests arrived, or none arrived for 30 s.</summary>
    public static async Task WaitFor(LoopbackHttpServer external, int expected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(external);
        var lastProgress = Stopwatch.StartNew();
        var seen = -1;
        while (external.Requests.Count < expected && lastProgress.Elapsed < StallTimeout)
        {
            await Task.Delay(50, cancellationToken);
            if (external.Requests.Count != seen)
            {
                seen = external.Requests.Count;
                lastProgress.Restart();
            }
        }
    }

    /// <summary>Counts the requests after a second more, for any duplicate still in flight.</summary>
    public static async Task<ExternalCallCheck> Count(LoopbackHttpServer external, int expected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(external);
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        var requests = external.Requests.ToArray();
        var keys = requests.Select(r => r.Headers.GetValueOrDefault(WebhookSignature.IdempotencyKeyHeader)).Distinct().Count();
        return new ExternalCallCheck(expected, requests.Length, keys);
    }
}
