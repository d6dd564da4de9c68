using System.Collections.Concurrent;
using System.Diagnostics;
using MassTransit;

namespace Bus.Demo.Monitoring;

/// <summary>
/// Watches every receive endpoint of the one bus, the way MassTransit's test harness decides a bus is inactive: messages
/// in progress (a retry waiting for its next attempt, an outbox delivery, a gateway's HTTP call all happen inside the
/// receive) and the time since anything was received, sent or published. Also counts, per service, what was consumed and
/// what faulted.
/// </summary>
public sealed class BusActivityMonitor : IReceiveObserver, IPublishObserver, ISendObserver
{
    private readonly Func<string, string?> _serviceOfQueue;
    private readonly ConcurrentDictionary<string, Counters> _services = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<DeliveryFault> _faults = new();
    private long _inProgress;
    private long _lastActivity = Stopwatch.GetTimestamp();

    /// <param name="serviceOfQueue">The service a queue belongs to; null for queues of no service (not counted).</param>
    public BusActivityMonitor(Func<string, string?> serviceOfQueue)
    {
        _serviceOfQueue = serviceOfQueue;
    }

    /// <summary>Messages being received right now.</summary>
    public long InProgress => Interlocked.Read(ref _inProgress);

    /// <summary>Time since the last message was received, finished, sent or published.</summary>
    public TimeSpan SinceLastActivity => Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastActivity));

    public IReadOnlyList<DeliveryFault> Faults => [.. _faults];

    /// <summary>Messages consumed so far by every service together.</summary>
    public long TotalConsumed => _services.Values.Sum(c => Interlocked.Read(ref c.Consumed));

    public ServiceActivity ActivityOf(string service) =>
        _services.TryGetValue(service, out var counters)
            ? new ServiceActivity(service, Interlocked.Read(ref counters.Consumed), Interlocked.Read(ref counters.Faulted))
            : new ServiceActivity(service, 0, 0);

    /// <summary>
    /// Waits until nothing is in progress, nothing happened for <paramref name="quietPeriod"/> and
    /// <paramref name="drained"/> confirms that no store holds undelivered work; false when <paramref name="timeout"/> passed first.
    /// </summary>
    public async Task<bool> WaitForQuietAsync(Func<CancellationToken, Task<bool>> drained, TimeSpan quietPeriod, TimeSpan timeout,
        Action? onPoll, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(drained);
        var clock = Stopwatch.StartNew();
        var poll = TimeSpan.FromMilliseconds(Math.Clamp(quietPeriod.TotalMilliseconds / 4, 10, 100));
        while (clock.Elapsed < timeout)
        {
            onPoll?.Invoke();
            if (InProgress == 0 && SinceLastActivity >= quietPeriod && await drained(cancellationToken)
                && InProgress == 0 && SinceLastActivity >= quietPeriod)
            {
                return true;
            }

            await Task.Delay(poll, cancellationToken);
        }

        return false;
    }

    public Task PreReceive(ReceiveContext context)
    {
        Interlocked.Increment(ref _inProgress);
        Touch();
        return Task.CompletedTask;
    }

    // A consumer's exception does not reach the receive: MassTransit moves the message to the _error queue and the receive
    // completes, so the fault is told apart by the mark ConsumeFault left on it.
    public Task PostReceive(ReceiveContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (CountersOf(context.InputAddress) is { } counters)
        {
            if (context.TryGetPayload<FaultedMark>(out _))
            {
                Interlocked.Increment(ref counters.Faulted);
            }
            else
            {
                Interlocked.Increment(ref counters.Consumed);
            }
        }

        Done();
        return Task.CompletedTask;
    }

    public Task PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType)
        where T : class
    {
        Touch();
        return Task.CompletedTask;
    }

    // MassTransit's retry filter holds back the fault notifications of attempts it retries: this is the final one.
    public Task ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(exception);
        context.ReceiveContext.GetOrAddPayload(() => new FaultedMark());
        Fault(context.ReceiveContext.InputAddress, typeof(T).Name, exception);
        return Task.CompletedTask;
    }

    public Task ReceiveFault(ReceiveContext context, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(exception);
        if (CountersOf(context.InputAddress) is { } counters)
        {
            Interlocked.Increment(ref counters.Faulted);
        }

        Fault(context.InputAddress, "(unreadable message)", exception);
        Done();
        return Task.CompletedTask;
    }

    public Task PrePublish<T>(PublishContext<T> context)
        where T : class
    {
        Touch();
        return Task.CompletedTask;
    }

    public Task PostPublish<T>(PublishContext<T> context)
        where T : class
    {
        Touch();
        return Task.CompletedTask;
    }

    public Task PublishFault<T>(PublishContext<T> context, Exception exception)
        where T : class
    {
        Touch();
        return Task.CompletedTask;
    }

    public Task PreSend<T>(SendContext<T> context)
        where T : class
    {
        Touch();
        return Task.CompletedTask;
    }

    public Task PostSend<T>(SendContext<T> context)
        where T : class
    {
        Touch();
        return Task.CompletedTask;
    }

    public Task SendFault<T>(SendContext<T> context, Exception exception)
        where T : class
    {
        Touch();
        return Task.CompletedTask;
    }

    private void Fault(Uri inputAddress, string messageType, Exception exception)
    {
        var queue = QueueOf(inputAddress);
        var service = _serviceOfQueue(queue) ?? "(none)";
        _faults.Enqueue(new DeliveryFault(service, queue, messageType, $"{exception.GetType().Name}: {exception.Message}"));
        Touch();
    }

    private void Done()
    {
        Interlocked.Decrement(ref _inProgress);
        Touch();
    }

    private void Touch() => Interlocked.Exchange(ref _lastActivity, Stopwatch.GetTimestamp());

    private Counters? CountersOf(Uri inputAddress) =>
        _serviceOfQueue(QueueOf(inputAddress)) is { } service ? _services.GetOrAdd(service, _ => new Counters()) : null;

    private static string QueueOf(Uri inputAddress) => inputAddress.AbsolutePath.Trim('/').Split('/')[^1];

    private sealed class FaultedMark;

    private sealed class Counters
    {
        public long Consumed;
        public long Faulted;
    }
}
