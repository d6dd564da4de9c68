using System.Diagnostics;
using System.Globalization;
using Bus.Operations.Cli;
using Bus.TestSupport;

namespace Bus.Operations.Tests;

/// <summary>The tool as its own process, configured through the environment variables the services use.</summary>
public sealed class ProcessSpecs(Broker broker)
{
    [Fact]
    public async Task The_tool_reads_the_broker_from_the_services_environment_variables()
    {
        await using var queues = await TestQueues.CreateAsync(broker.Connection);
        var faulted = await queues.FaultAsync(1);
        var closedPort = LoopbackPort.Unused();

        var unreachable = await RunAsync(closedPort, "error-queue", "list", queues.Queue);
        var reachable = await RunAsync(broker.Options.Port, "error-queue", "move", queues.Queue);

        Assert.Equal(ExitCodes.InvalidInput, unreachable.Exit);
        Assert.StartsWith($"error: cannot reach RabbitMQ at {broker.Options.Host}:{closedPort}: ", unreachable.Error, StringComparison.Ordinal);
        Assert.Equal((ExitCodes.Success, ""), (reachable.Exit, reachable.Error));
        Assert.Equal($"moved #1  {faulted.Id}  {TestQueues.ProbeType}\n{queues.ErrorQueue}: found 1, moved 1 to {queues.Queue}\n", reachable.Output);
    }

    private async Task<(int Exit, string Output, string Error)> RunAsync(int port, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["Bus__RabbitMq__Host"] = broker.Options.Host,
                ["Bus__RabbitMq__Port"] = port.ToString(CultureInfo.InvariantCulture),
                ["Bus__RabbitMq__Username"] = broker.Options.Username,
                ["Bus__RabbitMq__Password"] = broker.Options.Password,
            },
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Bus.Operations.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, (await output).Replace("\r\n", "\n", StringComparison.Ordinal), await error);
    }
}
