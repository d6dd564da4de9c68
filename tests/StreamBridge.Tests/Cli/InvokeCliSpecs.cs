using Bus.StreamBridge.Cli;
using Bus.StreamBridge.Tests.Harness;

using static Bus.StreamBridge.Tests.Cli.InProcessCli;

namespace Bus.StreamBridge.Tests.Cli;

/// <summary><c>invoke</c>: the Lambda entry point on a file, with the function's own configuration.</summary>
[Collection(OneLambdaHost.Name)]
public sealed class InvokeCliSpecs : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("bus-invoke-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("dynamodb-new-and-old-images.json")]
    [InlineData("kinesis-data-streams.json")]
    public async Task Invoke_writes_the_entry_points_response_for_one_event(string sample)
    {
        var (exit, output, error) = await Run("invoke", Sample(sample));

        Assert.Equal((ExitCodes.Success, """{"batchItemFailures":[]}""" + "\n"), (exit, output));
        Assert.DoesNotContain("error", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_refuses_a_file_of_several_events_as_the_entry_point_does()
    {
        var file = Path.Combine(_directory, "two.jsonl");
        var sample = await File.ReadAllTextAsync(Sample("dynamodb-keys-only.json"));
        var line = sample.ReplaceLineEndings(" ");
        await File.WriteAllTextAsync(file, line + "\n" + line + "\n");

        var (exit, output, error) = await Run("invoke", file);

        Assert.Equal((ExitCodes.InvalidInput, string.Empty), (exit, output));
        Assert.Equal($"error: {file}: a Lambda invocation carries exactly one event; this input has 2\n", error);
    }

    [Theory]
    [InlineData("invoke")]
    [InlineData("invoke", "samples/dynamodb-keys-only.json", "--Bus:Transport=RabbitMq")]
    [InlineData("invoke", "--Bus:Transport=RabbitMq")]
    public async Task Invoke_takes_one_file_and_no_overrides(params string[] args)
    {
        var (exit, output, error) = await Run(args);

        Assert.Equal((ExitCodes.InvalidInput, string.Empty), (exit, output));
        Assert.StartsWith("error: invoke takes one FILE and no overrides;", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_names_a_file_it_cannot_read()
    {
        var missing = Path.Combine(_directory, "missing.json");

        var (exit, _, error) = await Run("invoke", missing);

        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.StartsWith($"error: {missing}: ", error, StringComparison.Ordinal);
    }
}
