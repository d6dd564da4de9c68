using System.Globalization;

namespace Bus.EndToEnd;

/// <summary>The command line; <see cref="Usage"/> lists every option.</summary>
internal sealed record RunOptions
{
    public const string Usage = """
        Usage: dotnet run -c Release --project bench/EndToEnd -- [options]
          --mode steady|saturation   steady: --rate records/s for --duration s; saturation: --records as fast as the bridge takes them (steady)
          --rate N                   records per second in steady mode (500)
          --duration S               seconds of steady feeding (60)
          --records N                records in saturation mode (10000)
          --batch-size N             records per Lambda batch in saturation mode (100, Lambda's default)
          --batch-interval-ms N      steady mode: a batch every N ms of the records due by then (20)
          --warmup N                 records fed at --warmup-rate before measuring, to get every process past JIT and pool start (3000)
          --warmup-rate N            records per second of the warm-up (100)
          --spacing N                fewest records between two changes of one item (1000); see bench/EndToEnd/README.md
          --seed N                   workload seed (42)
          --drain-timeout S          longest wait for the effects after feeding (300)
          --settle S                 effects unchanged this long (and every required one there) count as settled (5)
          --set Key=Value            a setting for every process (services, stand-ins, the bridge), e.g. --set Marketing:ContactConcurrency=16; repeatable
          --run-dir DIR              logs and reports (.local/e2e/<run id>)
          --no-build                 use the existing Release (or Debug) build of the stand-ins and services
          --keep-data                keep the run's database and virtual host
        """;

    public string Mode { get; init; } = "steady";

    public double Rate { get; init; } = 500;

    public double DurationSeconds { get; init; } = 60;

    public int Records { get; init; } = 10_000;

    public int BatchSize { get; init; } = 100;

    public int BatchIntervalMs { get; init; } = 20;

    public int Warmup { get; init; } = 3000;

    public double WarmupRate { get; init; } = 100;

    public int Spacing { get; init; } = 1000;

    public int Seed { get; init; } = 42;

    public double DrainTimeoutSeconds { get; init; } = 300;

    public double SettleSeconds { get; init; } = 5;

    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    public string? RunDirectory { get; init; }

    public bool Build { get; init; } = true;

    public bool KeepData { get; init; }

    public bool Steady => Mode == "steady";

    /// <summary>Records of the measured phase.</summary>
    public int MeasuredRecords => Steady ? (int)Math.Round(Rate * DurationSeconds) : Records;

    /// <exception cref="ArgumentException">An unknown option, a missing or malformed value.</exception>
    public static RunOptions Parse(IReadOnlyList<string> args)
    {
        var options = new RunOptions();
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value");
            options = name switch
            {
                "--mode" => options with { Mode = CheckedMode(Value()) },
                "--rate" => options with { Rate = Positive(name, Value()) },
                "--duration" => options with { DurationSeconds = Positive(name, Value()) },
                "--records" => options with { Records = (int)Positive(name, Value()) },
                "--batch-size" => options with { BatchSize = (int)Positive(name, Value()) },
                "--batch-interval-ms" => options with { BatchIntervalMs = (int)Positive(name, Value()) },
                "--warmup" => options with { Warmup = (int)NotNegative(name, Value()) },
                "--warmup-rate" => options with { WarmupRate = Positive(name, Value()) },
                "--spacing" => options with { Spacing = (int)NotNegative(name, Value()) },
                "--seed" => options with { Seed = (int)NotNegative(name, Value()) },
                "--drain-timeout" => options with { DrainTimeoutSeconds = Positive(name, Value()) },
                "--settle" => options with { SettleSeconds = Positive(name, Value()) },
                "--set" => Set(options, settings, Value()),
                "--run-dir" => options with { RunDirectory = Value() },
                "--no-build" => options with { Build = false },
                "--keep-data" => options with { KeepData = true },
                _ => throw new ArgumentException($"unknown option {name}"),
            };
        }

        if (options.BatchSize > 10_000)
        {
            throw new ArgumentException("--batch-size: Lambda's DynamoDB Streams batches hold at most 10000 records");
        }

        return options with { Settings = settings };
    }

    private static string CheckedMode(string value) =>
        value is "steady" or "saturation" ? value : throw new ArgumentException($"--mode {value}: steady or saturation");

    private static RunOptions Set(RunOptions options, Dictionary<string, string> settings, string value)
    {
        var parts = value.Split('=', 2);
        if (parts.Length != 2 || parts[0].Length == 0)
        {
            throw new ArgumentException($"--set {value}: expected Key=Value, e.g. Marketing:ContactConcurrency=16");
        }

        settings[parts[0].Replace("__", ":", StringComparison.Ordinal)] = parts[1];
        return options;
    }

    private static double Positive(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw new ArgumentException($"{name} {value}: expected a positive number");

    private static double NotNegative(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number >= 0
            ? number
            : throw new ArgumentException($"{name} {value}: expected a number of at least 0");
}
