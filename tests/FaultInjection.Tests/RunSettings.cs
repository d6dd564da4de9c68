using System.Globalization;

namespace Bus.FaultInjection.Tests;

/// <summary>
/// How big and how long a fault-injection run is. The defaults are the CI mode (every fault at least once, a few minutes
/// in all); the <c>BUS_FAULTS_*</c> environment variables turn it into a soak run, e.g.
/// <c>BUS_FAULTS_RECORDS=20000 BUS_FAULTS_MINUTES=12</c>.
/// </summary>
public sealed record RunSettings
{
    /// <summary>Change records the generator writes in the pipeline run (all three tables together).</summary>
    public int Records { get; init; } = 800;

    /// <summary>Over how long the pipeline run's records are spread (a steady rate, not a burst).</summary>
    public TimeSpan GenerationTime { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>SIGKILLs of consumer service processes in the pipeline run; at least one per process.</summary>
    public int Kills { get; init; } = 4;

    /// <summary>Change records of the Lambda retry run.</summary>
    public int RetryRecords { get; init; } = 200;

    /// <summary>Over how long the Lambda retry run's records are spread: its Marketing applies one message at a time.</summary>
    public TimeSpan RetryGenerationTime => TimeSpan.FromSeconds(Math.Max(30, RetryRecords / 8.0));

    /// <summary>The longest wait, after the last record was published, for every expected effect to arrive; the wait ends
    /// earlier when nothing moves for 90 s.</summary>
    public TimeSpan SettleTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// In CI mode, how long after the last test result a run stops itself. CI (scripts/test.sh) kills a test host that
    /// reports no test result for 5 minutes (<c>--blame-hang-timeout</c>), and each run happens in a fixture, between two
    /// test results (the first run also after the private servers' start-up): a run that is too slow stops here and fails
    /// with its report, with time left to stop everything, instead of being killed without one. None in a soak run or
    /// with an explicit settle time-out.
    /// </summary>
    public TimeSpan? ResultGapBudget { get; init; } = TimeSpan.FromMinutes(4.25);

    /// <summary>Seed of every random choice (records, faults, kill moments), printed with the results.</summary>
    public int Seed { get; init; } = Random.Shared.Next();

    /// <summary>Keep the run's databases, virtual hosts and private servers' data for inspection.</summary>
    public bool KeepData { get; init; }

    /// <summary>True when any figure was changed from the CI defaults.</summary>
    public bool IsSoak { get; init; }

    /// <summary>The upper bound of a whole run: start-up, generation, faults and settling, with a margin (in CI mode
    /// also <see cref="ResultGapBudget"/>).</summary>
    public TimeSpan RunLimit(TimeSpan generationTime) => generationTime + SettleTimeout + TimeSpan.FromMinutes(3);

    public static RunSettings FromEnvironment()
    {
        var defaults = new RunSettings();
        var records = Number("BUS_FAULTS_RECORDS", defaults.Records, 100, 1_000_000);
        var minutes = Environment.GetEnvironmentVariable("BUS_FAULTS_MINUTES");
        var generation = string.IsNullOrWhiteSpace(minutes)
            ? (records == defaults.Records ? defaults.GenerationTime : TimeSpan.FromSeconds(records / 25.0))
            : TimeSpan.FromMinutes(Fraction("BUS_FAULTS_MINUTES", minutes, 0.2, 24 * 60));
        var soak = records != defaults.Records || generation != defaults.GenerationTime;
        // A soak run kills about every 30 s (at least 10 times, as the issue asks); CI kills each process once.
        var kills = Number("BUS_FAULTS_KILLS", soak ? Math.Max(10, (int)(generation.TotalSeconds / 30)) : defaults.Kills, 4, 10_000);
        var settleText = Environment.GetEnvironmentVariable("BUS_FAULTS_SETTLE_MINUTES");
        var settle = !string.IsNullOrWhiteSpace(settleText)
            ? TimeSpan.FromMinutes(Fraction("BUS_FAULTS_SETTLE_MINUTES", settleText, 0.5, 24 * 60))
            : soak ? TimeSpan.FromMinutes(Math.Max(15, generation.TotalMinutes)) : defaults.SettleTimeout;
        return new RunSettings
        {
            Records = records,
            GenerationTime = generation,
            Kills = kills,
            // The retry run's Marketing applies one message at a time (a few per second on a busy machine): a twentieth.
            RetryRecords = Number("BUS_FAULTS_RETRY_RECORDS", soak ? Math.Max(defaults.RetryRecords, records / 20) : defaults.RetryRecords, 100, 1_000_000),
            SettleTimeout = settle,
            ResultGapBudget = soak || !string.IsNullOrWhiteSpace(settleText) ? null : defaults.ResultGapBudget,
            Seed = Environment.GetEnvironmentVariable("BUS_FAULTS_SEED") is { Length: > 0 } seed
                ? Number("BUS_FAULTS_SEED", 0, int.MinValue, int.MaxValue)
                : defaults.Seed,
            KeepData = Environment.GetEnvironmentVariable("BUS_FAULTS_KEEP") is "1" or "true",
            IsSoak = soak,
        };
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{(IsSoak ? "soak" : "CI")} mode: {Records} records over {GenerationTime.TotalSeconds:F0} s, {Kills} kills, " +
        $"{RetryRecords} records in the Lambda retry run, settle timeout {SettleTimeout.TotalSeconds:F0} s, seed {Seed}");

    private static int Number(string name, int fallback, int min, int max)
    {
        var text = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrWhiteSpace(text))
            return fallback;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            throw new InvalidOperationException($"{name}={text}: expected a whole number from {min} to {max}");
        return value;
    }

    private static double Fraction(string name, string text, double min, double max)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            throw new InvalidOperationException($"{name}={text}: expected a number of minutes from {min} to {max}");
        return value;
    }
}
