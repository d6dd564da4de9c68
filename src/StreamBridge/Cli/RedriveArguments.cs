using System.Globalization;
using Bus.StreamBridge.Configuration;

namespace Bus.StreamBridge.Cli;

/// <summary><c>redrive [--dry-run] [--limit N] [--store File|Queue] [--Section:Key=value …]</c>.</summary>
/// <param name="DryRun">List what would be redriven; change nothing.</param>
/// <param name="Limit">Redrive at most this many records, the first in stream order.</param>
/// <param name="Overrides">Configuration overrides for the bridge's host, <c>--store</c> among them.</param>
/// <param name="Problem">What is wrong with the arguments; null when nothing is.</param>
internal sealed record RedriveArguments(bool DryRun, int? Limit, IReadOnlyList<string> Overrides, string? Problem)
{
    /// <summary>Parses the arguments after <c>redrive</c>; null when they ask for the usage.</summary>
    public static RedriveArguments? Parse(string[] args)
    {
        var (dryRun, limit, overrides) = (false, (int?)null, new List<string>());
        for (var i = 0; i < args.Length; i++)
        {
            var (name, value) = Split(args[i]);
            switch (name)
            {
                case "-h" or "--help":
                    return null;
                case "--dry-run" when value is null:
                    dryRun = true;
                    break;
                case "--limit":
                    value ??= i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : null;
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
                    {
                        return Invalid($"--limit needs a whole number of at least 1, not '{value}'");
                    }

                    limit = n;
                    break;
                case "--store":
                    value ??= i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : null;
                    if (!Enum.TryParse<FailedRecordStoreKind>(value, ignoreCase: true, out var store) || !Enum.IsDefined(store)
                        || char.IsAsciiDigit(value![0]))
                    {
                        return Invalid($"--store must be File or Queue, not '{value}'");
                    }

                    overrides.Add($"--{BridgeOptions.SectionName}:FailedRecords:Store={store}");
                    break;
                default:
                    if (!args[i].StartsWith("--", StringComparison.Ordinal) || value is null || !name.Contains(':', StringComparison.Ordinal))
                    {
                        return Invalid($"unknown argument '{args[i]}'");
                    }

                    overrides.Add(args[i]);
                    break;
            }
        }

        return new RedriveArguments(dryRun, limit, overrides, null);
    }

    private static RedriveArguments Invalid(string problem) => new(false, null, [], problem);

    private static (string Name, string? Value) Split(string arg)
    {
        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        return equals < 0 ? (arg, null) : (arg[..equals], arg[(equals + 1)..]);
    }
}
