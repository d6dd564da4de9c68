using System.Globalization;

namespace Bus.StreamBridge.Tests.BadInput.Fuzzing;

/// <summary>
/// How long and from where the fuzz specs run. <c>BUS_FUZZ_SECONDS</c> sets each spec's duration (default: a few
/// seconds, to keep the suite fast); <c>BUS_FUZZ_SEED</c> sets the seed (default: a fixed one, so the suite tries
/// the same inputs on every run; <c>random</c> draws a new one); <c>BUS_FUZZ_ITERATION</c> (with the seed) runs
/// the one iteration a failure named.
/// </summary>
internal sealed record FuzzSettings(long Seed, TimeSpan Duration, long? OnlyIteration)
{
    public const long DefaultSeed = 20261126;

    public static FuzzSettings FromEnvironment(TimeSpan defaultDuration)
    {
        var seed = Environment.GetEnvironmentVariable("BUS_FUZZ_SEED") switch
        {
            null or "" => DefaultSeed,
            "random" => Random.Shared.NextInt64(1, 1_000_000_000_000),
            var fixedSeed => long.Parse(fixedSeed, CultureInfo.InvariantCulture),
        };
        var duration = Environment.GetEnvironmentVariable("BUS_FUZZ_SECONDS") is { Length: > 0 } seconds
            ? TimeSpan.FromSeconds(double.Parse(seconds, CultureInfo.InvariantCulture))
            : defaultDuration;
        long? only = Environment.GetEnvironmentVariable("BUS_FUZZ_ITERATION") is { Length: > 0 } iteration
            ? long.Parse(iteration, CultureInfo.InvariantCulture)
            : null;
        return new FuzzSettings(seed, duration, only);
    }

    /// <summary>The random source of one iteration: the same seed and iteration always mutate alike, in any process
    /// (<see cref="HashCode"/> is randomised per process, so it cannot mix them).</summary>
    public Random For(long iteration)
    {
        // SplitMix64's finaliser: neighbouring iterations get unrelated streams.
        var mixed = unchecked((ulong)Seed * 0x9E3779B97F4A7C15UL + (ulong)iteration);
        mixed = unchecked((mixed ^ (mixed >> 30)) * 0xBF58476D1CE4E5B9UL);
        mixed = unchecked((mixed ^ (mixed >> 27)) * 0x94D049BB133111EBUL);
        return new Random((int)(mixed ^ (mixed >> 31)));
    }

    public string Replay(long iteration) =>
        string.Create(CultureInfo.InvariantCulture, $"BUS_FUZZ_SEED={Seed} BUS_FUZZ_ITERATION={iteration}");
}
