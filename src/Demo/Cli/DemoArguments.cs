using System.Globalization;
using Bus.Demo.Composition;
using Bus.Demo.Replay;

namespace Bus.Demo.Cli;

/// <summary>The command line: paths of batch files or directories, then options.</summary>
public sealed record DemoArguments(IReadOnlyList<string> Paths, DemoSettings Settings, bool Help)
{
    public const string Usage = """
        Usage: dotnet run --project src/Demo -- [PATH ...] [options]

        Runs the stream bridge and the Marketing, Shipping and Notifications services in one process on the in-memory
        bus, each with its own SQLite store, against stand-ins of the external systems; replays the batches and shows
        what each external system received.

          PATH                 a batch file (the Lambda event JSON of DynamoDB Streams or Kinesis Data Streams, or JSON
                               Lines of such events) or a directory of them (*.json, *.jsonl, *.ndjson); default: samples/
          --no-redeliver       do not deliver the largest batch a second time (by default it is, as Lambda does after a
                               failed invocation, to show the inboxes dropping the copies)
          --redeliver          the default, stated
          --data DIR           keep the services' SQLite files in DIR (default: a temporary directory, removed at the end)
          --failed-records DIR where the bridge keeps records that can never succeed (default: ./failed-records)
          --timeout SECONDS    how long to wait for the services to finish after each file (default: 120)
          --verbose            the bridge's and the services' log lines on standard error
          --Section:Key=value  a setting applied over the bridge's and every service's own, e.g.
                               --Notifications:ContactRetryMinInterval=00:00:00.200
          -h, --help           this text

        Exit status: 0 everything succeeded, 1 records failed, 2 invalid arguments or input, 3 a service faulted a
        message or did not finish in time.
        """;

    /// <exception cref="InvalidInputException">An unknown option, or an option without its value.</exception>
    public static DemoArguments Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var paths = new List<string>();
        var settings = new DemoSettings();
        var help = false;
        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "-h" or "--help":
                    help = true;
                    break;
                case "--redeliver":
                    settings = settings with { Redeliver = true };
                    break;
                case "--no-redeliver":
                    settings = settings with { Redeliver = false };
                    break;
                case "--verbose":
                    settings = settings with { Verbose = true };
                    break;
                case "--data":
                    settings = settings with { DataDirectory = Value(args, ref i) };
                    break;
                case "--failed-records":
                    settings = settings with { FailedRecordsDirectory = Value(args, ref i) };
                    break;
                case "--timeout":
                    var text = Value(args, ref i);
                    settings = settings with
                    {
                        QuietTimeout = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
                            ? TimeSpan.FromSeconds(seconds)
                            : throw new InvalidInputException($"--timeout takes a positive number of seconds, not '{text}'"),
                    };
                    break;
                case var setting when setting.StartsWith("--", StringComparison.Ordinal) && setting.Contains(':', StringComparison.Ordinal)
                                      && setting.IndexOf('=', StringComparison.Ordinal) is > 2 and var equals:
                    overrides[setting[2..equals]] = setting[(equals + 1)..];
                    break;
                case var option when option.StartsWith('-') && option.Length > 1:
                    throw new InvalidInputException($"unknown option '{option}'");
                default:
                    paths.Add(arg);
                    break;
            }
        }

        settings = settings with { Overrides = overrides };
        return new DemoArguments(paths.Count > 0 ? paths : [BatchFiles.SamplesDirectory], settings, help);
    }

    private static string Value(IReadOnlyList<string> args, ref int i) =>
        i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal)
            ? args[++i]
            : throw new InvalidInputException($"{args[i]} needs a value");
}
