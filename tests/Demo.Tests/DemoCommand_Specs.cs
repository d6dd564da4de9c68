using Bus.Demo.Cli;

namespace Bus.Demo.Tests;

public sealed class DemoCommand_Specs : IDisposable
{
    private readonly Batches _batches = new();
    private readonly RecordingConsole _console = new();

    public void Dispose()
    {
        _batches.Dispose();
        _console.Dispose();
    }

    [Fact]
    public async Task A_users_own_json_lines_file_is_replayed_and_its_effects_shown_with_personal_data_masked()
    {
        var file = _batches.Write("mine.jsonl",
            Batches.Event(Batches.CustomerInserted("user-1", "900000000000000000001", "C-9001", "erin@example.org", "+46701234567", "Uppsala")),
            Batches.Event(Batches.OrderPlaced("user-2", "900000000000000000002", "O-9001", "C-9001")));

        var exit = await Run(file, "--no-redeliver");

        var output = _console.Output;
        Assert.True(exit == DemoExitCodes.Success, output + _console.Error);
        Assert.Contains("MarketingPlatform: 1 performed, 0 duplicate calls", output, StringComparison.Ordinal);
        Assert.Contains("contact synced", output, StringComparison.Ordinal);
        Assert.Contains("e***@example.org", output, StringComparison.Ordinal);
        Assert.Contains("address pushed", output, StringComparison.Ordinal);
        Assert.Contains("Uppsala, SE (street withheld)", output, StringComparison.Ordinal);
        Assert.Contains("shipment requested", output, StringComparison.Ordinal);
        Assert.Contains("order O-9001", output, StringComparison.Ordinal);
        Assert.DoesNotContain("erin@example.org", output, StringComparison.Ordinal);
        Assert.DoesNotContain("9 Test Lane", output, StringComparison.Ordinal);
        Assert.DoesNotContain("+46701234567", output, StringComparison.Ordinal);
        Assert.Contains("Every record published, every message consumed, 3 external effects performed once each", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_with_an_undecodable_record_exits_1_naming_the_record_and_where_it_was_stored()
    {
        var broken = Batches.CustomerInserted("broken-1", "900000000000000000012", "C-9102", "x@example.org", "+46700000000", "Lund")
            .Replace("\"version\":{\"N\":\"1\"}", "\"version\":{\"N\":\"one\"}", StringComparison.Ordinal);
        var file = _batches.Write("broken.json",
            Batches.Event(Batches.CustomerInserted("fine-1", "900000000000000000011", "C-9101", "y@example.org", "+46700000001", "Malmo"), broken));

        var exit = await Run(file, "--no-redeliver");

        var output = _console.Output;
        Assert.True(exit == DemoExitCodes.RecordsFailed, output + _console.Error);
        Assert.Contains($"failed record: {file}, event 0, record 1 (eventID broken-1, sequence number 900000000000000000012)", output, StringComparison.Ordinal);
        Assert.Contains($"stored in {_batches.FailedRecords}", output, StringComparison.Ordinal);
        var stored = Assert.Single(Directory.GetFiles(_batches.FailedRecords));
        Assert.Contains("broken-1", await File.ReadAllTextAsync(stored, TestContext.Current.CancellationToken), StringComparison.Ordinal);
        // The whole report on failure: this assertion failed once in CI with the report not kept (an open finding).
        Assert.True(output.Contains("MarketingPlatform: 1 performed", StringComparison.Ordinal), output + _console.Error);
    }

    [Fact]
    public async Task Calls_an_external_system_refuses_are_reported_as_faulted_messages_with_exit_3()
    {
        var sample = Path.Combine(SampleFacts.SamplesDirectory, "dynamodb-new-and-old-images.json");

        var exit = await Run(sample, "--no-redeliver", "--ExternalSystems:Email:SigningSecret=not-the-secret-the-email-system-has");

        var output = _console.Output;
        Assert.True(exit == DemoExitCodes.ServicesFailed, output + _console.Error);
        Assert.Contains("Notifications gave up on a SendShipmentEmail (moved to notifications-email-gateway_error): PermanentExternalFailureException: Email answered 401 Unauthorized to POST /emails",
            output, StringComparison.Ordinal);
        Assert.Contains("Email: 0 performed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_a_stream_event_exits_2_naming_it_before_anything_runs()
    {
        var file = _batches.Write("notes.json", "these are not records");

        var exit = await Run(file);

        Assert.Equal(DemoExitCodes.InvalidInput, exit);
        Assert.StartsWith($"error: {file}: event 0: input is not valid JSON", _console.Error.ToString(), StringComparison.Ordinal);
        Assert.Empty(_console.Output);
    }

    [Fact]
    public async Task A_missing_path_and_an_unknown_option_exit_2()
    {
        var missing = await Run(Path.Combine(_batches.Directory, "nowhere.json"));
        var unknown = await Run("--fast");

        Assert.Equal((DemoExitCodes.InvalidInput, DemoExitCodes.InvalidInput), (missing, unknown));
        Assert.Contains("nowhere.json: no such file or directory", _console.Error.ToString(), StringComparison.Ordinal);
        Assert.Contains("unknown option '--fast'", _console.Error.ToString(), StringComparison.Ordinal);
    }

    private Task<int> Run(params string[] args) =>
        DemoCli.RunAsync([.. args, "--failed-records", _batches.FailedRecords], _console.Console, _console.Error, TestContext.Current.CancellationToken);
}
