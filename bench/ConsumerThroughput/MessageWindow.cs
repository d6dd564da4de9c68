using System.Diagnostics;

namespace Bus.ConsumerThroughput;

/// <summary>
/// The measured window of one run: the first domain message's start to the last one's completion, whatever the messaging
/// stack. A stack adapts its own hooks to <see cref="Start"/>, <see cref="Complete"/> and <see cref="Fault"/>.
/// </summary>
public abstract class MessageWindow(int expected)
{
    private static readonly TimeSpan StallTimeout = TimeSpan.FromSeconds(60);
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _firstStart;
    private long _lastEnd;
    private int _completed;
    private int _faulted;

    public int Completed => Volatile.Read(ref _completed);

    public int Faulted => Volatile.Read(ref _faulted);

    public TimeSpan Elapsed => TimeSpan.FromTicks(Math.Max(0, Interlocked.Read(ref _lastEnd) - Interlocked.Read(ref _firstStart)));

    public Task Done => _done.Task;

    /// <summary>When the first domain message arrived (UTC).</summary>
    public DateTime FirstStart => new(Interlocked.Read(ref _firstStart), DateTimeKind.Utc);

    /// <summary>This process's CPU time when the first domain message arrived: the service's own CPU cost per message, which the
    /// other engineers' load on the shared cores does not change as much as the wall-clock rate.</summary>
    public TimeSpan CpuAtFirstStart { get; private set; }

    /// <summary>Bytes this process had allocated when the first domain message arrived (<see cref="GC.GetTotalAllocatedBytes"/>,
    /// precise): per message, a figure the machine's load does not change at all.</summary>
    public long AllocatedAtFirstStart { get; private set; }

    /// <summary>Waits until every expected message completed; fails when nothing completes for a minute (a fault or a hang).</summary>
    public async Task WaitForAll(CancellationToken cancellationToken)
    {
        var lastProgress = Stopwatch.StartNew();
        var seen = -1;
        while (!Done.IsCompleted)
        {
            await Task.WhenAny(Done, Task.Delay(500, cancellationToken));
            if (Completed != seen)
            {
                seen = Completed;
                lastProgress.Restart();
            }
            else if (lastProgress.Elapsed > StallTimeout)
            {
                throw new TimeoutException($"No progress for {StallTimeout.TotalSeconds} s: {Completed} completed, {Faulted} faulted");
            }
        }
    }

    protected void Start()
    {
        if (Interlocked.CompareExchange(ref _firstStart, DateTime.UtcNow.Ticks, 0) == 0)
        {
            CpuAtFirstStart = Process.GetCurrentProcess().TotalProcessorTime;
            AllocatedAtFirstStart = GC.GetTotalAllocatedBytes(precise: true);
        }
    }

    protected void Complete()
    {
        Interlocked.Exchange(ref _lastEnd, DateTime.UtcNow.Ticks);
        if (Interlocked.Increment(ref _completed) == expected)
            _done.TrySetResult();
    }

    /// <summary>A message that exhausted its retries; counted apart, so a faulty run ends at its stall timeout and is reported.</summary>
    protected void Fault() => Interlocked.Increment(ref _faulted);
}
