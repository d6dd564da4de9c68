using System.Globalization;

namespace Bus.ConsumerThroughput;

/// <summary>
/// <c>--service marketing|shipping|all|broker</c> (broker: <see cref="BrokerFloor"/>), <c>--messages N</c>, <c>--mode with|without|both</c>, <c>--repeats N</c>,
/// <c>--warmup N</c> (uncounted runs of up to <see cref="WarmupMessageLimit"/> messages before each service and mode's measured runs), and
/// <c>--set Key=Value</c> (repeatable) to override any of the service's configuration, e.g. <c>--set Marketing:ContactConcurrency=32</c>.
/// </summary>
public sealed record BenchOptions(string Service, int Messages, IReadOnlyList<bool> Modes, int Repeats, int Warmup, IReadOnlyDictionary<string, string?> Overrides)
{
    /// <summary>
    /// Messages of one warm-up run. The first run in a process is about half as fast as the next ones (measured: 91 against
    /// 200 msg/s), most of the difference being the JIT's tiered recompilation of MassTransit's and EF Core's generic code, still
    /// 20 % of the process's CPU 40 s into a cold run; a service runs for hours, so the figures are for warm code.
    /// </summary>
    public const int WarmupMessageLimit = 3_000;

    public static BenchOptions Parse(string[] args)
    {
        var service = "all";
        var messages = 20_000;
        var mode = "both";
        var repeats = 3;
        var warmup = 2;
        var overrides = new Dictionary<string, string?>();
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--service": service = value; break;
                case "--messages": messages = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--mode": mode = value; break;
                case "--repeats": repeats = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--warmup": warmup = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--set":
                    var parts = value.Split('=', 2);
                    overrides[parts[0]] = parts.Length == 2 ? parts[1] : throw new ArgumentException($"--set {value}: expected Key=Value");
                    break;
                default: throw new ArgumentException($"Unknown argument {args[i]}");
            }

            i++;
        }

        IReadOnlyList<bool> modes = mode switch
        {
            "with" => [true],
            "without" => [false],
            "both" => [true, false],
            _ => throw new ArgumentException($"--mode {mode}: expected with|without|both"),
        };
        return new BenchOptions(service, messages, modes, repeats, warmup, overrides);
    }
}
