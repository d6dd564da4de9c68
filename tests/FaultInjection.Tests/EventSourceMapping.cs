using System.Diagnostics;
using System.Text.Json;

namespace Bus.FaultInjection.Tests;

/// <summary>
/// What Lambda's event source mapping does with one shard, with <c>FunctionResponseTypes: ReportBatchItemFailures</c>
/// and unlimited retries: reads a batch from the checkpoint, invokes the function, and then
/// <list type="bullet">
/// <item>an empty <c>batchItemFailures</c>: moves the checkpoint past the batch;</item>
/// <item>an item identifier: moves the checkpoint to that record and delivers again from there (the records before it
/// are done; the ones after it come again, with any new ones);</item>
/// <item>an error or a time-out of the invocation: delivers the same batch again.</item>
/// </list>
/// Time-outs can be injected: an invocation is then cut off after a few milliseconds, part-way through its batch, as
/// when a function hits its configured timeout.
/// </summary>
public sealed class EventSourceMapping(
    StreamShard shard,
    Func<Stream, CancellationToken, Task<Stream>> function,
    int batchSize,
    TimeSpan functionTimeout,
    double injectedTimeoutRate,
    int seed,
    Action<string> log)
{
    private readonly Random _random = new(seed);
    private int _checkpoint;

    public StreamShard Shard => shard;

    /// <summary>Records the checkpoint has passed.</summary>
    public int Done => Volatile.Read(ref _checkpoint);

    public int Invocations { get; private set; }

    /// <summary>Invocations that answered with a <c>batchItemFailures</c> item.</summary>
    public int PartialFailures { get; private set; }

    /// <summary>Invocations that threw (including time-outs).</summary>
    public int FunctionErrors { get; private set; }

    /// <summary>Invocations cut off by an injected time-out.</summary>
    public int InjectedTimeouts { get; private set; }

    /// <summary>Records handed to the function again after it had seen them.</summary>
    public long RecordsRedelivered { get; private set; }

    /// <summary>Protocol violations: an identifier that is not a record of the batch.</summary>
    public List<string> Problems { get; } = [];

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var failuresInARow = 0;
        while (true)
        {
            var checkpoint = _checkpoint;
            if (checkpoint >= shard.Count)
            {
                if (shard.Completed && checkpoint >= shard.Count)
                    return;
                // Lambda's batching window: wait for records, then a moment more so batches are not single records.
                await shard.WaitBeyond(checkpoint).WaitAsync(cancellationToken);
                await Task.Delay(300, cancellationToken);
                continue;
            }

            var batch = shard.Batch(checkpoint, batchSize);
            // A time-out longer than the invocation cuts nothing off; a shard that has not had one cut off after a
            // while gets the next one at once (so every run has some).
            var injected = injectedTimeoutRate > 0 && batch.Count > 1
                && (_random.NextDouble() < injectedTimeoutRate || (InjectedTimeouts == 0 && Invocations >= 15));
            var timeout = injected ? TimeSpan.FromMilliseconds(InjectedTimeouts == 0 && Invocations >= 15 ? 1 : _random.Next(1, 100)) : functionTimeout;
            Invocations++;
            List<string> retryFrom;
            var clock = Stopwatch.StartNew();
            using (var invocation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                invocation.CancelAfter(timeout);
                try
                {
                    using var input = StreamRecordJson.Event(batch);
                    await using var output = await function(input, invocation.Token);
                    retryFrom = ReadFailure(output);
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    FunctionErrors++;
                    if (invocation.IsCancellationRequested && injected)
                        InjectedTimeouts++;
                    RecordsRedelivered += batch.Count;
                    log($"{shard.Name}: invocation of {batch.Count} records from position {checkpoint} " +
                        (invocation.IsCancellationRequested ? $"timed out after {clock.ElapsedMilliseconds} ms" : $"failed: {e.GetType().Name}: {e.Message}") +
                        "; the whole batch is delivered again");
                    await Backoff(++failuresInARow, cancellationToken);
                    continue;
                }
            }

            if (retryFrom.Count == 0)
            {
                Volatile.Write(ref _checkpoint, checkpoint + batch.Count);
                failuresInARow = 0;
                continue;
            }

            PartialFailures++;
            // Lambda checkpoints before the earliest record named.
            var indexes = retryFrom.Select(id => IndexOf(batch, id)).ToList();
            var index = indexes.Min();
            if (index < 0)
            {
                // Lambda treats an identifier it does not know as a failure of the whole batch.
                Problems.Add($"{shard.Name}: batchItemFailures named {string.Join(", ", retryFrom)}, not all records of the batch from position {checkpoint}");
                RecordsRedelivered += batch.Count;
                await Backoff(++failuresInARow, cancellationToken);
                continue;
            }

            RecordsRedelivered += batch.Count - index;
            Volatile.Write(ref _checkpoint, checkpoint + index);
            failuresInARow = index == 0 ? failuresInARow + 1 : 0;
            if (index == 0)
                await Backoff(failuresInARow, cancellationToken);
        }
    }

    private static int IndexOf(IReadOnlyList<ShardRecord> batch, string checkpoint)
    {
        for (var i = 0; i < batch.Count; i++)
        {
            if (batch[i].Checkpoint == checkpoint)
                return i;
        }

        return -1;
    }

    private static List<string> ReadFailure(Stream output)
    {
        using var response = JsonDocument.Parse(output);
        return response.RootElement.GetProperty("batchItemFailures").EnumerateArray()
            .Select(failure => failure.GetProperty("itemIdentifier").GetString() ?? string.Empty)
            .ToList();
    }

    // Lambda retries a failing shard with a growing delay; a shard that keeps failing waits up to a few seconds.
    private static Task Backoff(int failuresInARow, CancellationToken cancellationToken) =>
        Task.Delay(TimeSpan.FromMilliseconds(Math.Min(3_000, 100 * (1 << Math.Min(failuresInARow, 5)))), cancellationToken);
}
