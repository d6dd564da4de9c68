using System.Collections.Concurrent;
using Bus.StreamBridge.Pipeline;
using Bus.StreamBridge.Publishing;

namespace Bus.FaultInjection.Tests;

/// <summary>
/// Wraps the bridge's real publisher (MassTransit on RabbitMQ, with publisher confirms) and makes chosen publishes fail:
/// with an error, as a broker refusing or a connection dropping mid-publish does, or by never completing, so that the
/// bridge's <c>PublishTimeout</c> fires. Which events fail is drawn per event (stream event id and event type) and
/// attempt, so records at random positions of a batch fail, events of one record can fail after an earlier one of the
/// same record was published, and a retried record can fail again (less and less often). Each kind happens at least
/// once in a run of 20 events or more.
/// </summary>
public sealed class FaultyPublisher(IEventPublisher inner, double errorRate, double hangRate, int seed, Action<string>? trace = null) : IEventPublisher
{
    private readonly ConcurrentDictionary<(string EventId, string Type), int> _attempts = new();
    private long _errors;
    private long _hangs;
    private long _firstAttempts;

    /// <summary>Publishes failed with an error.</summary>
    public long Errors => Interlocked.Read(ref _errors);

    /// <summary>Publishes held until the bridge's time-out (or the invocation's) cancelled them.</summary>
    public long Hangs => Interlocked.Read(ref _hangs);

    public async Task PublishAsync(OutgoingEvent outgoing, CancellationToken cancellationToken)
    {
        var id = (outgoing.Message.Change.StreamEventId, outgoing.Message.GetType().Name);
        var attempt = _attempts.AddOrUpdate(id, 1, (_, n) => n + 1);
        // The same draw for the same event and attempt in every run with this seed; later attempts fail less often.
        var dice = new Random(StableHash(seed, id.StreamEventId, id.Name, attempt)).NextDouble() * attempt;

        // At these rates a short run can draw none of one kind (no time-out among 236 publishes at 2 %: about one CI run
        // in a hundred), and the run must show both kinds. So the 10th first attempt fails with an error and the 20th
        // hangs when the draws have given none of that kind yet.
        var firstAttempts = attempt == 1 ? Interlocked.Increment(ref _firstAttempts) : 0;
        var forceHang = hangRate > 0 && firstAttempts == 20 && Hangs == 0;
        var forceError = !forceHang && errorRate > 0 && firstAttempts == 10 && Errors == 0;

        trace?.Invoke($"start {id.StreamEventId} {id.Name} attempt {attempt}");
        if (forceError || (!forceHang && dice < errorRate))
        {
            Interlocked.Increment(ref _errors);
            throw new InjectedPublishException($"injected publish failure for {id.Name} of {id.StreamEventId} (attempt {attempt})");
        }

        if (forceHang || dice < errorRate + hangRate)
        {
            Interlocked.Increment(ref _hangs);
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        }

        try
        {
            await inner.PublishAsync(outgoing, cancellationToken);
            trace?.Invoke($"confirmed {id.StreamEventId} {id.Name} attempt {attempt}");
        }
        catch (Exception e)
        {
            trace?.Invoke($"failed {id.StreamEventId} {id.Name} attempt {attempt}: {e.GetType().Name}");
            throw;
        }
    }

    // string.GetHashCode differs between processes; FNV-1a does not.
    private static int StableHash(int seed, string eventId, string type, int attempt)
    {
        var hash = 2166136261u ^ (uint)seed;
        foreach (var c in eventId + "/" + type)
            hash = (hash ^ c) * 16777619u;
        return (int)((hash ^ (uint)attempt) * 16777619u);
    }
}
