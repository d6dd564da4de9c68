using System.Diagnostics;
using MassTransit;

namespace Bus.ConsumerThroughput;

/// <summary>
/// Counts messages of the domain queue whose receive pipe completed: by then the consumers ran and (with the inbox/outbox) their
/// transaction committed. Times the first receive start and the last completion, so the measured window is consumption only.
/// </summary>
public sealed class DomainReceiveCounter(string queue, int expected) : IReceiveObserver
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _firstStart;
    private long _lastEnd;
    private int _completed;
    private int _faulted;

    public int Completed => Volatile.Read(ref _completed);

    public int Faulted => Volatile.Read(ref _faulted);

    public TimeSpan Elapsed => TimeSpan.FromTicks(Math.Max(0, Interlocked.Read(ref _lastEnd) - Interlocked.Read(ref _firstStart)));

    public long FirstStart => Interlocked.Read(ref _firstStart);

    public Task Done => _done.Task;

    /// <summary>This process's CPU time when the first domain message arrived: the service's own CPU cost per message, which the
    /// other engineers' load on the shared cores does not change as much as the wall-clock rate.</summary>
    public TimeSpan CpuAtFirstStart { get; private set; }

    public Task PreReceive(ReceiveContext context)
    {
        if (IsDomain(context) && Interlocked.CompareExchange(ref _firstStart, DateTime.UtcNow.Ticks, 0) == 0)
            CpuAtFirstStart = Process.GetCurrentProcess().TotalProcessorTime;
        return Task.CompletedTask;
    }

    public Task PostReceive(ReceiveContext context)
    {
        if (IsDomain(context))
            Complete();
        return Task.CompletedTask;
    }

    public Task PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType)
        where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception)
        where T : class => Task.CompletedTask;

    public Task ReceiveFault(ReceiveContext context, Exception exception)
    {
        // A message that exhausted its retries; counted apart, so a faulty run ends at its stall timeout and is reported.
        if (IsDomain(context))
            Interlocked.Increment(ref _faulted);
        return Task.CompletedTask;
    }

    private void Complete()
    {
        Interlocked.Exchange(ref _lastEnd, DateTime.UtcNow.Ticks);
        if (Interlocked.Increment(ref _completed) == expected)
            _done.TrySetResult();
    }

    // The domain queue is also bound to the shared contract exchanges, so other runs' events may arrive on it: only ours count.
    private bool IsDomain(ReceiveContext context) =>
        context.InputAddress.AbsolutePath.EndsWith("/" + queue, StringComparison.Ordinal)
        && context is RabbitMqBasicConsumeContext rabbit
        && Guid.TryParse(rabbit.Properties.MessageId, out var id)
        && BenchEvent.IsBenchMessageId(id);
}
