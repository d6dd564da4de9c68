using System.Text.Json;
using Bus.StreamBridge.Cli;

using static Bus.StreamBridge.Tests.Cli.InProcessCli;

namespace Bus.StreamBridge.Tests.Cli;

/// <summary>The command-line entry: output lines, error lines naming records, and exit statuses.</summary>
public sealed class BridgeCliSpecs : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("bus-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Decode_writes_one_plain_json_line_per_record_with_exact_numbers()
    {
        var file = Write("""
            {"Records":[{"eventID":"e1","eventName":"MODIFY","eventSourceARN":"arn:aws:dynamodb:eu-west-1:1:table/Inventory/stream/x",
             "dynamodb":{"ApproximateCreationDateTime":1793000000,"SequenceNumber":"100","StreamViewType":"NEW_AND_OLD_IMAGES",
             "Keys":{"productId":{"S":"P-1"}},
             "NewImage":{"productId":{"S":"P-1"},"quantity":{"N":"12345678901234567890123456789012345678"},"tags":{"SS":["a","b"]},"blob":{"B":"AQI="},"gone":{"NULL":true}},
             "OldImage":{"productId":{"S":"P-1"},"quantity":{"N":"0.10"}}}}]}
            """);

        var (exit, output, error) = await Run("decode", file);

        Assert.Equal((ExitCodes.Success, ""), (exit, error));
        Assert.Equal(
            """{"eventID":"e1","eventName":"MODIFY","keys":{"productId":"P-1"},"newImage":{"productId":"P-1","quantity":12345678901234567890123456789012345678,"tags":["a","b"],"blob":"AQI=","gone":null},"oldImage":{"productId":"P-1","quantity":0.10}}""" + "\n",
            output);
    }

    [Fact]
    public async Task Translate_writes_type_message_id_and_fields_for_each_event()
    {
        var (exit, output, _) = await Run("translate", Sample("dynamodb-ttl-expiry.json"));

        Assert.Equal(ExitCodes.Success, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["CustomerRegistered", "CustomerDeleted", "CustomerDeleted"], lines.Select(l => l.GetProperty("type").GetString()));
        Assert.True(lines[1].GetProperty("expiredByTtl").GetBoolean());
        Assert.Equal("C-1003", lines[1].GetProperty("customerId").GetString());
        Assert.Equal("Remove", lines[1].GetProperty("change").GetProperty("changeKind").GetString());
        Assert.True(Guid.TryParse(lines[1].GetProperty("messageId").GetString(), out _));
    }

    [Fact]
    public async Task A_malformed_record_is_named_on_standard_error_and_the_exit_status_says_so()
    {
        var file = Write("""
            {"Records":[{"eventID":"good","eventName":"REMOVE","eventSourceARN":"arn:aws:dynamodb:eu-west-1:1:table/Inventory/stream/x",
             "dynamodb":{"ApproximateCreationDateTime":1793000000,"SequenceNumber":"100","StreamViewType":"KEYS_ONLY","Keys":{"productId":{"S":"P-1"}}}},
             {"eventID":"bad","eventName":"REMOVE","eventSourceARN":"arn:aws:dynamodb:eu-west-1:1:table/Inventory/stream/x",
             "dynamodb":{"ApproximateCreationDateTime":1793000000,"SequenceNumber":"101","StreamViewType":"KEYS_ONLY","Keys":{"productId":{"X":"P-2"}}}}]}
            """);

        var (exit, output, error) = await Run("translate", file);

        Assert.Equal(ExitCodes.RecordsFailed, exit);
        Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("error: event 0, record 1 (eventID bad, sequence 101): dynamodb.Keys.productId: unknown attribute type 'X'\n", error);
    }

    [Fact]
    public async Task Input_that_is_not_json_exits_with_invalid_input()
    {
        var file = Write("{\"Records\": [");

        var (exit, output, error) = await Run("decode", file);

        Assert.Equal((ExitCodes.InvalidInput, ""), (exit, output));
        Assert.StartsWith($"error: {file}: event 0: input is not valid JSON", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Translate_writes_the_events_before_a_broken_one_then_names_it()
    {
        var file = Write(File.ReadAllText(Sample("dynamodb-ttl-expiry.json")).ReplaceLineEndings(" ") + "\n{\"Records\": [}\n");

        var (exit, output, error) = await Run("translate", file);

        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.Equal(3, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal($"error: {file}: event 1: input is not valid JSON (line 2, byte 14)\n", error);
    }

    [Fact]
    public async Task Replay_of_a_file_broken_at_its_end_processes_nothing()
    {
        // Processed, the first event's record would be kept in the store (a schema mismatch, as below).
        var file = Write("""
            {"Records":[{"eventID":"odd","eventName":"INSERT","eventSourceARN":"arn:aws:dynamodb:eu-west-1:1:table/Inventory/stream/x","dynamodb":{"ApproximateCreationDateTime":1793000000,"SequenceNumber":"100","StreamViewType":"NEW_AND_OLD_IMAGES","Keys":{"productId":{"S":"P-1"}},"NewImage":{"productId":{"S":"P-1"},"quantity":{"S":"many"}}}}]}
            {"Records": [}
            """);
        var store = Path.Combine(_directory, "failed");

        var (exit, output, error) = await Run("replay", file, $"--Bridge:FailedRecords:Directory={store}");

        Assert.Equal((ExitCodes.InvalidInput, ""), (exit, output));
        Assert.Equal($"error: {file}: event 1: input is not valid JSON (line 2, byte 14)\n", error);
        Assert.False(Directory.Exists(store) && Directory.EnumerateFileSystemEntries(store).Any());
    }

    [Theory]
    [InlineData("decode")]
    [InlineData("translate")]
    public async Task A_dash_reads_standard_input(string command)
    {
        var file = Sample("dynamodb-new-and-old-images.json");

        var fromFile = await Run(command, file);
        var fromInput = await RunWithInput(File.ReadAllBytes(file), command, "-");

        Assert.Equal(ExitCodes.Success, fromInput.Exit);
        Assert.NotEmpty(fromInput.Output);
        Assert.Equal(fromFile, fromInput);
    }

    [Fact]
    public async Task Replay_reads_standard_input_through_before_publishing_it()
    {
        var input = File.ReadAllBytes(Sample("kinesis-data-streams.json"));

        var (exit, output, _) = await RunWithInput(input, "replay", "-", $"--Bridge:FailedRecords:Directory={_directory}");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal("records 7, published 6, events 9, skipped 0, duplicates 1, stored 0, failed 0, not attempted 0\n", output);
    }

    [Fact]
    public async Task Replay_of_standard_input_broken_at_its_end_processes_nothing()
    {
        var input = System.Text.Encoding.UTF8.GetBytes("""
            {"Records":[{"eventID":"odd","eventName":"INSERT","eventSourceARN":"arn:aws:dynamodb:eu-west-1:1:table/Inventory/stream/x","dynamodb":{"ApproximateCreationDateTime":1793000000,"SequenceNumber":"100","StreamViewType":"NEW_AND_OLD_IMAGES","Keys":{"productId":{"S":"P-1"}},"NewImage":{"productId":{"S":"P-1"},"quantity":{"S":"many"}}}}]}
            {"Records": [}
            """);
        var store = Path.Combine(_directory, "failed");

        var (exit, output, error) = await RunWithInput(input, "replay", "-", $"--Bridge:FailedRecords:Directory={store}");

        Assert.Equal((ExitCodes.InvalidInput, ""), (exit, output));
        Assert.Equal("error: standard input: event 1: input is not valid JSON (line 2, byte 14)\n", error);
        Assert.False(Directory.Exists(store) && Directory.EnumerateFileSystemEntries(store).Any());
    }

    [Fact]
    public async Task A_missing_file_exits_with_invalid_input()
    {
        var file = Path.Combine(_directory, "absent.json");

        var (exit, output, error) = await Run("translate", file);

        Assert.Equal((ExitCodes.InvalidInput, ""), (exit, output));
        Assert.StartsWith($"error: {file}: ", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("translate", "--Bridge:Unrouted=Bogus", "error: configuration: Failed to convert configuration value 'Bogus' at 'Bridge:Unrouted' to type 'Bus.StreamBridge.Configuration.UnroutedPolicy'.\n")]
    [InlineData("translate", "--Bridge:MaxConcurrency=many", "error: configuration: Failed to convert configuration value 'many' at 'Bridge:MaxConcurrency' to type 'System.Int32'.\n")]
    [InlineData("replay", "--Bridge:PublishTimeout=soon", "error: configuration: Failed to convert configuration value 'soon' at 'Bridge:PublishTimeout' to type 'System.TimeSpan'.\n")]
    [InlineData("replay", "--Bus:Transport=Carrier", "error: configuration: Failed to convert configuration value 'Carrier' at 'Bus:Transport' to type 'Bus.Messaging.Transport.TransportKind'.\n")]
    [InlineData("translate", "--Bridge:MaxConcurrency=0", "error: configuration: MaxConcurrency: The field BridgeOptions.MaxConcurrency must be between 1 and 1024.\n")]
    public async Task A_setting_that_does_not_convert_or_breaks_its_rule_is_named_without_a_crash(string command, string setting, string expected)
    {
        var store = Path.Combine(_directory, "store");

        var (exit, output, error) = await Run(command, Sample("dynamodb-new-and-old-images.json"), setting, $"--Bridge:FailedRecords:Directory={store}");

        Assert.Equal((ExitCodes.InvalidInput, "", expected), (exit, output, error));
        Assert.False(Directory.Exists(store));
    }

    [Fact]
    public async Task An_unknown_command_prints_the_usage()
    {
        var (exit, _, error) = await Run("publish", Sample("dynamodb-keys-only.json"));

        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.StartsWith("error: unknown command 'publish'", error, StringComparison.Ordinal);
        Assert.Contains("Usage: Bus.StreamBridge <command> FILE", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_publishes_on_the_in_memory_bus_and_prints_the_totals()
    {
        var (exit, output, _) = await Run("replay", Sample("kinesis-data-streams.json"), $"--Bridge:FailedRecords:Directory={_directory}");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal("records 7, published 6, events 9, skipped 0, duplicates 1, stored 0, failed 0, not attempted 0\n", output);
    }

    [Fact]
    public async Task Replay_names_a_stored_record_by_event_position_eventID_and_sequence()
    {
        var file = Write("""
            {"Records":[{"eventID":"odd","eventName":"INSERT","eventSourceARN":"arn:aws:dynamodb:eu-west-1:1:table/Inventory/stream/x",
             "dynamodb":{"ApproximateCreationDateTime":1793000000,"SequenceNumber":"100","StreamViewType":"NEW_AND_OLD_IMAGES",
             "Keys":{"productId":{"S":"P-1"}},"NewImage":{"productId":{"S":"P-1"},"quantity":{"S":"many"}}}}]}
            """);

        var (exit, output, error) = await Run("replay", file, $"--Bridge:FailedRecords:Directory={_directory}");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal("stored: event 0, record 0 (eventID odd, sequence 100): attribute 'quantity' is S; the table's schema has N\n", error);
        Assert.StartsWith("records 1, published 0, events 0, skipped 0, duplicates 0, stored 1,", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_cli_build_shortens_the_runtimes_tiering_delay_to_one_millisecond()
    {
        // The runtime configuration `dotnet Bus.StreamBridge.dll` starts with, as the build wrote it next to the CLI.
        var path = Path.Combine(AppContext.BaseDirectory, "Bus.StreamBridge.runtimeconfig.json");
        var properties = JsonDocument.Parse(File.ReadAllText(path)).RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.Equal(1, properties.GetProperty("System.Runtime.TieredCompilation.CallCountingDelayMs").GetInt32());
    }

    private string Write(string content)
    {
        var path = Path.Combine(_directory, Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, content);
        return path;
    }
}
