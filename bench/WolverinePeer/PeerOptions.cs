using System.Globalization;

namespace Bus.WolverinePeer;

/// <summary>
/// <c>--messages N</c> (default 2,000), <c>--repeats N</c> (3), <c>--warmup N</c> (3,000 messages per system, not counted: a
/// 200-message warm-up left Bus in the JIT's tier-up; 0 for none), <c>--systems bus,wolverine</c> (both), and
/// <c>--set Key=Value</c> (repeatable) to override the service's configuration for both systems, e.g.
/// <c>--set Marketing:ContactConcurrency=16</c>.
/// </summary>
public sealed record PeerOptions(int Messages, int Repeats, int Warmup, IReadOnlyList<string> Systems, IReadOnlyDictionary<string, string?> Overrides)
{
    public const string Bus = "bus";
    public const string Wolverine = "wolverine";

    public static PeerOptions Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var messages = 2_000;
        var repeats = 3;
        var warmup = 3_000;
        string[] systems = [Bus, Wolverine];
        var overrides = new Dictionary<string, string?>();
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--messages": messages = Positive(args[i], value); break;
                case "--repeats": repeats = Positive(args[i], value); break;
                case "--warmup": warmup = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--systems":
                    systems = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    if (systems.Length == 0 || systems.Any(s => s is not (Bus or Wolverine)))
                        throw new ArgumentException($"--systems {value}: expected a comma-separated list of {Bus} and {Wolverine}");
                    break;
                case "--set":
                    var parts = value.Split('=', 2);
                    overrides[parts[0]] = parts.Length == 2 ? parts[1] : throw new ArgumentException($"--set {value}: expected Key=Value");
                    break;
                default: throw new ArgumentException($"Unknown argument {args[i]}");
            }

            i++;
        }

        return new PeerOptions(messages, repeats, warmup, systems, overrides);
    }

    private static int Positive(string name, string value) =>
        int.TryParse(value, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"{name} {value}: expected a positive number");
}
