using Bus.StreamBridge.Cli;
using Bus.StreamBridge.Tests.BadInput;

using static Bus.StreamBridge.Tests.Cli.InProcessCli;

namespace Bus.StreamBridge.Tests.Cli;

/// <summary>
/// The native CLI (<c>scripts/publish-native-cli.sh</c>) against the managed one run in process on the same input:
/// byte for byte the same standard output, the same standard error and exit status, for the samples, every input of
/// the bad-input corpus and the configuration errors; and a clear refusal of the commands it leaves out.
/// </summary>
[Trait("Category", "Integration")]
public sealed class NativeCliSpecs(NativeCli native) : IClassFixture<NativeCli>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("bus-native-cli-specs-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    public static TheoryData<string> Samples() => [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "samples"), "*.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Decode_and_translate_of_a_sample_match_the_managed_build(string sample)
    {
        foreach (var command in new[] { "decode", "translate" })
        {
            var managed = await Run(command, Sample(sample));
            var nativeRun = await native.RunAsync([], command, Sample(sample));

            Assert.Equal(managed, nativeRun);
            Assert.Equal(ExitCodes.Success, nativeRun.Exit);
            Assert.NotEqual("", nativeRun.Output);
        }
    }

    [Fact]
    public async Task A_dash_reads_standard_input()
    {
        var input = await File.ReadAllBytesAsync(Sample("kinesis-data-streams.json"));

        var managed = await RunWithInput(input, "translate", "-");
        var nativeRun = await native.RunAsync(input, "translate", "-");

        Assert.Equal(managed, nativeRun);
        Assert.NotEqual("", nativeRun.Output);
    }

    /// <summary>Every hostile input, as the corpus specs feed it to the bridge: events as they are, records embedded in
    /// their valid batch. The errors name the same records with the same words, and the valid records around a broken
    /// one give the same events.</summary>
    [Fact]
    public async Task Every_input_of_the_bad_input_corpus_gives_the_managed_builds_output_errors_and_exit_status()
    {
        var differences = new List<string>();
        var failing = 0;
        foreach (var entry in Corpus.Entries.OrderBy(e => e.File, StringComparer.Ordinal))
        {
            var input = entry.Shape == CorpusShapes.Record ? CorpusBatches.Embed(entry.Source!, Corpus.Read(entry.File)) : Corpus.Read(entry.File);
            var file = Path.Combine(_directory, "input.json");
            await File.WriteAllBytesAsync(file, input);
            foreach (var command in new[] { "decode", "translate" })
            {
                var managed = await Run(command, file);
                var nativeRun = await native.RunAsync([], command, file);
                failing += nativeRun.Exit == ExitCodes.Success ? 0 : 1;
                if (managed != nativeRun)
                {
                    differences.Add($"{command} {entry.File}:\n  managed {managed.Exit}: {managed.Error}\n  native  {nativeRun.Exit}: {nativeRun.Error}");
                }
            }
        }

        Assert.Empty(differences);
        // The corpus is what it says: most of its inputs fail.
        Assert.True(failing > Corpus.Entries.Count, $"{failing} failing runs of {2 * Corpus.Entries.Count}");
    }

    [Theory]
    [InlineData("--Bridge:Unrouted=Bogus")]
    [InlineData("--Bridge:MaxConcurrency=0")]
    [InlineData("--Bridge:PublishTimeout=00:00:00.001")]
    [InlineData("--Bridge:PublishTimeout=soon")]
    [InlineData("--Bridge:CloudWatchMetricsNamespace=AWS/Mine")]
    [InlineData("--Bridge:FailedRecords:Directory=")]
    [InlineData("--Bridge:Tables:Customers:Translator=Nope")]
    [InlineData("--Bridge:Tables:Orders:StreamViewType=KEYS_ONLY")]
    public async Task A_setting_that_breaks_its_rules_is_named_as_the_managed_build_names_it(string setting)
    {
        var managed = await Run("translate", Sample("dynamodb-new-and-old-images.json"), setting);
        var nativeRun = await native.RunAsync([], "translate", Sample("dynamodb-new-and-old-images.json"), setting);

        Assert.Equal(managed, nativeRun);
        Assert.Equal(ExitCodes.InvalidInput, nativeRun.Exit);
        Assert.StartsWith("error: configuration: ", nativeRun.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_from_the_command_line_route_tables_as_in_the_managed_build()
    {
        // A generic-only table, a table renamed so its records go unrouted, and an enum value in lower case: the
        // dictionary of tables, strings, booleans and enums bound as the managed build binds them.
        string[] settings =
        [
            "--Bridge:Tables:Customers:Translator=", "--Bridge:Tables:Customers:PublishItemChanged=true",
            "--Bridge:Tables:Orders:TableName=prod-orders", "--Bridge:Unrouted=store",
        ];

        var managed = await Run(["translate", Sample("dynamodb-new-and-old-images.json"), .. settings]);
        var nativeRun = await native.RunAsync([], ["translate", Sample("dynamodb-new-and-old-images.json"), .. settings]);

        Assert.Equal(managed, nativeRun);
        Assert.Contains("\"type\":\"ItemChanged\"", nativeRun.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("\"type\":\"CustomerRegistered\"", nativeRun.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("\"sourceTable\":\"Orders\"", nativeRun.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("replay", "samples/dynamodb-new-image.json")]
    [InlineData("invoke", "samples/dynamodb-new-image.json")]
    [InlineData("redrive", "--dry-run")]
    public async Task The_commands_that_start_a_bus_are_refused_with_the_managed_build_named(string command, string argument)
    {
        var (exit, output, error) = await native.RunAsync([], command, argument.StartsWith("samples/", StringComparison.Ordinal) ? Sample(argument[8..]) : argument);

        Assert.Equal((ExitCodes.InvalidInput, ""), (exit, output));
        Assert.Equal($"error: {command} publishes through MassTransit, which this native build leaves out; run it with the managed build: dotnet Bus.StreamBridge.dll {command} ...\n", error);
    }

    [Fact]
    public async Task Without_a_command_it_prints_the_usage()
    {
        var managed = await Run("translate");
        var nativeRun = await native.RunAsync([], "translate");

        Assert.Equal(managed, nativeRun);
        Assert.Contains("Usage: Bus.StreamBridge", nativeRun.Error, StringComparison.Ordinal);
        Assert.Contains("The native build (scripts/publish-native-cli.sh) has decode and translate only.", nativeRun.Error, StringComparison.Ordinal);
    }
}
