using Bus.StreamBridge.Cli;
using Bus.StreamBridge.Configuration;
using Bus.StreamBridge.Failures;
using Bus.StreamBridge.Tests.BadInput;
using Microsoft.Extensions.Options;

using static Bus.StreamBridge.Tests.Cli.InProcessCli;

namespace Bus.StreamBridge.Tests.Cli;

/// <summary><c>redrive</c>'s arguments, configuration checks and unreadable entries; the redrive itself is tested
/// against the real broker in Integration.Tests.</summary>
public sealed class RedriveCliSpecs : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("bus-redrive-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("--limit 0", "error: --limit needs a whole number of at least 1, not '0'")]
    [InlineData("--limit", "error: --limit needs a whole number of at least 1, not ''")]
    [InlineData("--store Disk", "error: --store must be File or Queue, not 'Disk'")]
    [InlineData("--store 1", "error: --store must be File or Queue, not '1'")]
    [InlineData("--force", "error: unknown argument '--force'")]
    [InlineData("failed-records", "error: unknown argument 'failed-records'")]
    [InlineData("--Bridge:MaxConcurrency=0", "error: configuration: ")]
    public async Task Arguments_that_make_no_sense_exit_with_invalid_input_and_change_nothing(string args, string expected)
    {
        var (exit, output, error) = await Run(["redrive", .. args.Split(' '), $"--Bridge:FailedRecords:Directory={_directory}"]);

        Assert.Equal((ExitCodes.InvalidInput, ""), (exit, output));
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_queue_store_needs_the_RabbitMq_transport()
    {
        var (exit, _, error) = await Run("redrive", "--store=queue", "--Bus:Transport=InMemory");

        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.Equal("error: configuration: the Queue store is a queue on the broker; set Bus:Transport=RabbitMq\n", error);
    }

    [Fact]
    public async Task A_store_directory_that_does_not_exist_holds_nothing_to_redrive()
    {
        var missing = Path.Combine(_directory, "none");

        var (exit, output, error) = await Run("redrive", $"--Bridge:FailedRecords:Directory={missing}");

        Assert.Equal((ExitCodes.Success, $"directory {missing}: found 0, redriven 0, still failing 0\n", ""), (exit, output, error));
        Assert.False(Directory.Exists(missing));
    }

    [Fact]
    public async Task A_file_that_is_not_a_failed_record_is_reported_and_left_where_it_is()
    {
        var path = Path.Combine(_directory, "Customers-notes.json");
        await File.WriteAllTextAsync(path, """{"note": "written by hand"}""");

        var (exit, output, error) = await Run("redrive", "--dry-run", $"--Bridge:FailedRecords:Directory={_directory}");

        Assert.Equal(ExitCodes.RecordsFailed, exit);
        Assert.Equal($"directory {_directory}: found 1, would redrive 0, unreadable 1 (dry run: nothing changed)\n", output);
        Assert.Equal("unreadable, left as it was: Customers-notes.json: not a failed-record file: it has no record or no reason\n", error);
        Assert.Equal("""{"note": "written by hand"}""", await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task Records_the_file_store_kept_are_redriven_as_their_exact_bytes_however_deep_or_whatever_their_encoding()
    {
        // Both are stored for good reasons (nested beyond 32 levels; not UTF-8) and fail again the same way; the
        // store then rewrites each in place, under the name its exact bytes give.
        var store = new FileFailedRecordStore(Options.Create(new BridgeOptions { FailedRecords = { Directory = _directory } }), TimeProvider.System);
        foreach (var file in new[] { "records/dynamodb/m-nested-5000.json", "records/dynamodb/utf8-ff-in-s.json" })
        {
            var raw = Corpus.Read(file);
            await store.StoreAsync(new FailedRecord(null, 0, null, null, FailureStage.Decode, "record 0: " + file, raw), CancellationToken.None);
        }

        var files = Directory.GetFiles(_directory).Order(StringComparer.Ordinal).ToList();

        var (exit, output, _) = await Run("redrive", $"--Bridge:FailedRecords:Directory={_directory}");

        Assert.Equal(ExitCodes.RecordsFailed, exit);
        Assert.EndsWith($"directory {_directory}: found 2, redriven 0, still failing 2\n", output, StringComparison.Ordinal);
        Assert.DoesNotContain("redriven:", output, StringComparison.Ordinal);
        Assert.Equal(files, Directory.GetFiles(_directory).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(-3, "0s")]
    [InlineData(42, "42s")]
    [InlineData(5 * 60 + 59, "5m")]
    [InlineData(3 * 3600 + 12 * 60 + 5, "3h 12m")]
    [InlineData(2 * 86400 + 4 * 3600 + 59 * 60, "2d 4h")]
    public void Ages_are_shown_to_the_unit_that_matters(int seconds, string expected) =>
        Assert.Equal(expected, RedriveCommand.Age(TimeSpan.FromSeconds(seconds)));
}
