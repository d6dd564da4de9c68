using System.Diagnostics;
using System.Globalization;

namespace Bus.StreamBridge.Tests.BadInput.Fuzzing;

/// <summary>
/// Runs a fuzz body iteration after iteration for the configured time, each from its own random source. The first
/// failure, exception or hang stops the run; its message carries the seed and iteration that replay it and the
/// path of the input, saved for the corpus.
/// </summary>
internal sealed class FuzzLoop(string name, FuzzSettings settings, TimeSpan hangLimit)
{
    private readonly Dictionary<string, int> _outcomes = new(StringComparer.Ordinal);
    private long _iteration = -1;
    private long _iterationStarted;
    private byte[] _input = [];
    private (long Iteration, TimeSpan Elapsed) _slowest;

    /// <summary>The input under test; saved as the reproducer when the iteration fails or hangs.</summary>
    public void Input(byte[] input) => Volatile.Write(ref _input, input);

    /// <summary>Runs <paramref name="body"/> until the time is up; it returns a label for what the input came to.</summary>
    public async Task<FuzzSummary> RunAsync(Func<Random, Task<string>> body)
    {
        var stopwatch = Stopwatch.StartNew();
        var loop = Task.Factory.StartNew(() => LoopAsync(body, stopwatch), CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
        while (await Task.WhenAny(loop, Task.Delay(250, CancellationToken.None)) != loop)
        {
            var started = Volatile.Read(ref _iterationStarted);
            if (started != 0 && Stopwatch.GetElapsedTime(started) > hangLimit)
            {
                // The body cannot be stopped; the loop runs on a thread of its own and ends with the process.
                Assert.Fail(Failure(Volatile.Read(ref _iteration), $"still running after {hangLimit.TotalSeconds} s (a hang)"));
            }
        }

        var iterations = await loop;
        var summary = new FuzzSummary(name, settings.Seed, iterations, stopwatch.Elapsed, _outcomes, _slowest);
        TestContext.Current.TestOutputHelper?.WriteLine(summary.ToString());
        return summary;
    }

    private async Task<long> LoopAsync(Func<Random, Task<string>> body, Stopwatch stopwatch)
    {
        var iteration = settings.OnlyIteration ?? 0;
        for (; settings.OnlyIteration is not null || stopwatch.Elapsed < settings.Duration; iteration++)
        {
            Volatile.Write(ref _iteration, iteration);
            Volatile.Write(ref _iterationStarted, Stopwatch.GetTimestamp());
            string outcome;
            try
            {
                outcome = await body(settings.For(iteration));
            }
            catch (Exception e)
            {
                Assert.Fail(Failure(iteration, e.ToString()));
                throw;
            }

            var elapsed = Stopwatch.GetElapsedTime(Volatile.Read(ref _iterationStarted));
            Volatile.Write(ref _iterationStarted, 0);
            if (elapsed > _slowest.Elapsed)
            {
                _slowest = (iteration, elapsed);
            }

            _outcomes[outcome] = _outcomes.GetValueOrDefault(outcome) + 1;
            if (settings.OnlyIteration is not null)
            {
                return 1;
            }
        }

        return iteration;
    }

    private string Failure(long iteration, string what)
    {
        var directory = Path.Combine(Path.GetTempPath(), "bus-fuzz");
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"{name}-{settings.Seed}-{iteration}.json"));
        File.WriteAllBytes(file, Volatile.Read(ref _input));
        return $"{name}, iteration {iteration}: {what}\nreplay: {settings.Replay(iteration)}; input saved as {file}";
    }
}

/// <summary>What a fuzz run did: how many inputs, how fast, and what they came to.</summary>
internal sealed record FuzzSummary(
    string Name, long Seed, long Iterations, TimeSpan Elapsed, IReadOnlyDictionary<string, int> Outcomes, (long Iteration, TimeSpan Elapsed) Slowest)
{
    public double PerSecond => Iterations / Math.Max(Elapsed.TotalSeconds, 0.001);

    public override string ToString()
    {
        var outcomes = string.Join(", ", Outcomes.OrderByDescending(o => o.Value).Select(o => $"{o.Key} {o.Value}"));
        return string.Create(CultureInfo.InvariantCulture,
            $"{Name}: seed {Seed}, {Iterations} inputs in {Elapsed.TotalSeconds:F1} s ({PerSecond:F0}/s); {outcomes}; slowest: iteration {Slowest.Iteration}, {Slowest.Elapsed.TotalMilliseconds:F0} ms");
    }
}
