using System.Diagnostics;
using System.Runtime.CompilerServices;
using Bus.StreamBridge.Decoding;
using Bus.StreamBridge.Records;
using Microsoft.Extensions.Options;

namespace Bus.StreamBridge.Cli;

/// <summary>
/// <c>dotnet run --project src/StreamBridge -- &lt;command&gt; FILE [--Section:Key=value …]</c>. FILE holds one
/// Lambda event (DynamoDB Streams or Kinesis, told apart per record) or JSON Lines of events (<c>invoke</c>: one
/// event). <c>redrive</c> reads the configured failed-record store instead of a file.
/// </summary>
public static class BridgeCli
{
    public const string Usage = """
        Usage: Bus.StreamBridge <command> FILE [--Section:Key=value ...]
               Bus.StreamBridge invoke FILE
               Bus.StreamBridge redrive [--dry-run] [--limit N] [--store File|Queue] [--Section:Key=value ...]
          decode FILE      one JSON line per change record: eventID, eventName, keys, newImage, oldImage
          translate FILE   one JSON line per domain event, in stream order, without publishing
          replay FILE      publish the events on the configured bus (Bus:Transport) and print a summary; FILE is
                           checked to its end first, so a broken file publishes nothing
          invoke FILE      call the Lambda entry point with FILE as one invocation's event and print its response
                           ({"batchItemFailures": [...]}); configuration as the function's: appsettings.json and
                           environment variables (Bus__Transport=RabbitMq), no --Section:Key overrides
          redrive          run the records of the failed-record store (Bridge:FailedRecords) through the pipeline
                           again; redriven ones leave the store, the rest stay with their new reason
            --dry-run      list what would be redriven (record, table, eventID, sequence, age, reason); change nothing
            --limit N      at most N records, the first in stream order
            --store KIND   File or Queue, instead of Bridge:FailedRecords:Store
        FILE holds one Lambda event (DynamoDB Streams or Kinesis Data Streams) or JSON Lines of events; - is standard
        input (decode, translate, replay).
        Exit status: 0 all records succeeded, 1 some records failed (invoke: the response lists a record to retry from, or
        the invocation failed), 2 invalid arguments or input.
        The native build (scripts/publish-native-cli.sh) has decode and translate only.
        """;

    /// <summary>Runs one command; FILE <c>-</c> is standard input.</summary>
    public static Task<int> RunAsync(string[] args, Stream output, TextWriter error) =>
        RunAsync(args, Console.OpenStandardInput, output, error);

    /// <summary>Runs one command; FILE <c>-</c> reads <paramref name="input"/>, opened only then.</summary>
    public static async Task<int> RunAsync(string[] args, Func<Stream> input, Stream output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(error);
        if (!RuntimeFeature.IsDynamicCodeSupported)
        {
            // The native build (scripts/publish-native-cli.sh) compiles only decode and translate: the commands that
            // start a bus need MassTransit's reflection-based serializer. The compiler treats this check as a
            // constant, so the branches below, and the bus with them, are left out of that build.
            return await RunNativeAsync(args, input, output, error);
        }

        if (args is ["redrive", ..])
        {
            return await RedriveCommand.RunAsync(args[1..], output, error);
        }

        if (args is ["invoke", ..])
        {
            return await InvokeCommand.RunAsync(args[1..], output, error);
        }

        return await RunFileCommandAsync(args, input, output, error);
    }

    /// <summary><c>decode</c>, <c>translate</c> or <c>replay</c> FILE, or the usage.</summary>
    private static async Task<int> RunFileCommandAsync(string[] args, Func<Stream> input, Stream output, TextWriter error)
    {
        if (args.Length < 2 || args[1].StartsWith("--", StringComparison.Ordinal))
        {
            await error.WriteLineAsync(Usage);
            return ExitCodes.InvalidInput;
        }

        var (command, path, overrides) = (args[0], args[1], args[2..]);
        if (command is not ("decode" or "translate" or "replay"))
        {
            return await UnknownAsync(command, error);
        }

        var name = path == "-" ? "standard input" : path;
        try
        {
            await using var source = await InputSource.OpenAsync(path, input, command == "replay");
            if (command == "replay")
            {
                // Replay publishes, so it reads the input through once first: input that is not valid JSON events from
                // start to end publishes nothing. decode and translate write as they read.
                await foreach (var _ in InputEvents(source.Pass(), decodeRecords: false, borrowBytes: true))
                {
                }
            }

            // decode and translate decode every record whole, so the reader decodes each as it finds it (one reading
            // of its bytes instead of two); replay's handler decodes its own way. decode and translate are also done with
            // each event before they read on, so its records refer to the reading buffer instead of a copy of the event.
            var wholeRecords = command != "replay";
            var events = InputEvents(source.Pass(), decodeRecords: wholeRecords, borrowBytes: wholeRecords);
            return command switch
            {
                "decode" => await DecodeCommand.RunAsync(events, output, error),
                "translate" => await TranslateCommand.RunAsync(events, overrides, output, error),
                // The native build refuses replay before this (RunNativeAsync); the constant check leaves it out there.
                _ => RuntimeFeature.IsDynamicCodeSupported
                    ? await ReplayCommand.RunAsync(events, overrides, output, error)
                    : throw new UnreachableException("replay in the native build"),
            };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or UnreadableInputException)
        {
            // Opening the file, or reading it (UnreadableInputException carries the reader's message).
            await error.WriteLineAsync($"error: {name}: {e.Message}");
            return ExitCodes.InvalidInput;
        }
    }

    /// <summary>The native build's commands: <c>decode</c> and <c>translate</c>; the others name the managed build.</summary>
    private static async Task<int> RunNativeAsync(string[] args, Func<Stream> input, Stream output, TextWriter error)
    {
        if (args is [("replay" or "invoke" or "redrive") and var command, ..])
        {
            await error.WriteLineAsync(
                $"error: {command} publishes through MassTransit, which this native build leaves out; run it with the managed build: dotnet Bus.StreamBridge.dll {command} ...");
            return ExitCodes.InvalidInput;
        }

        return await RunFileCommandAsync(args, input, output, error);
    }

    /// <summary>
    /// What is wrong with the configuration, when <paramref name="exception"/> says so: an option that breaks its rules
    /// (<see cref="OptionsValidationException"/>), or a value the binder cannot convert to the option's type (an enum
    /// name that does not exist, a number or time span that does not parse), which it reports as an
    /// <see cref="InvalidOperationException"/> naming the key, the value and the type. Otherwise null.
    /// </summary>
    internal static string? ConfigurationError(Exception exception) => exception switch
    {
        OptionsValidationException invalid => $"error: configuration: {string.Join("; ", invalid.Failures)}",
        InvalidOperationException { InnerException: FormatException or ArgumentException or OverflowException } unconvertible
            => $"error: configuration: {unconvertible.Message}",
        _ => null,
    };

    /// <summary>Describes a record for error lines: its event, position, eventID and sequence number.</summary>
    internal static string Describe(StreamEvent streamEvent, RecordSlice slice) =>
        $"event {streamEvent.Index}, {RecordIdentity.Of(slice.Json).Describe(slice.Position)}";

    /// <summary>The file's events, with the errors of reading it (not of writing the output) told apart.</summary>
    private static async IAsyncEnumerable<StreamEvent> InputEvents(Stream file, bool decodeRecords, bool borrowBytes)
    {
        await using var events = StreamEventFile.ReadAsync(file, decodeRecords, borrowBytes).GetAsyncEnumerator();
        while (true)
        {
            try
            {
                if (!await events.MoveNextAsync())
                {
                    break;
                }
            }
            catch (Exception e) when (e is IOException or DecodingException)
            {
                throw new UnreadableInputException(e);
            }

            yield return events.Current;
        }
    }

    /// <summary>The input file could not be read to its end, or is not Lambda stream events.</summary>
    private sealed class UnreadableInputException(Exception inner) : Exception(inner.Message, inner);

    private static async Task<int> UnknownAsync(string command, TextWriter error)
    {
        await error.WriteLineAsync($"error: unknown command '{command}'");
        await error.WriteLineAsync(Usage);
        return ExitCodes.InvalidInput;
    }
}
