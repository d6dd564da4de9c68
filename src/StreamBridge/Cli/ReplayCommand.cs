using System.Globalization;
using Bus.StreamBridge.Hosting;
using Bus.StreamBridge.Pipeline;
using Bus.StreamBridge.Records;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Bus.StreamBridge.Cli;

/// <summary><c>replay</c>: runs captured batches through the same pipeline as the Lambda and publishes the events.</summary>
internal static class ReplayCommand
{
    public static async Task<int> RunAsync(IAsyncEnumerable<StreamEvent> events, string[] overrides, Stream output, TextWriter error)
    {
        IHost host;
        try
        {
            var builder = BridgeHost.CreateBuilder(overrides);
            builder.Services.AddStreamBridge(builder.Configuration);
            host = builder.Build();
        }
        catch (Exception e) when (BridgeCli.ConfigurationError(e) is { } problem)
        {
            await error.WriteLineAsync(problem);
            return ExitCodes.InvalidInput;
        }

        using var owner = host;
        try
        {
            await host.StartAsync();
        }
        catch (Exception e) when (BridgeCli.ConfigurationError(e) is { } problem)
        {
            await error.WriteLineAsync(problem);
            return ExitCodes.InvalidInput;
        }

        var processor = host.Services.GetRequiredService<BatchProcessor>();
        var total = new BatchResult();
        var retries = 0;
        await foreach (var streamEvent in events)
        {
            var result = await processor.ProcessAsync(streamEvent, CancellationToken.None);
            foreach (var failure in result.Failures)
            {
                await error.WriteLineAsync(
                    $"{(failure.Stored ? "stored" : "failed")}: event {streamEvent.Index}, {failure.Reason}");
            }

            retries += result.RetryFrom is null ? 0 : 1;
            total = Add(total, result);
        }

        await host.StopAsync();
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"records {total.Records}, published {total.Published}, events {total.Events}, skipped {total.Skipped}, " +
            $"duplicates {total.Duplicates}, stored {total.Stored}, failed {total.Failed}, not attempted {total.NotAttempted}\n");
        await output.WriteAsync(System.Text.Encoding.UTF8.GetBytes(summary));
        await output.FlushAsync();
        return retries == 0 ? ExitCodes.Success : ExitCodes.RecordsFailed;
    }

    private static BatchResult Add(BatchResult a, BatchResult b) => new()
    {
        Records = a.Records + b.Records,
        Published = a.Published + b.Published,
        Events = a.Events + b.Events,
        Skipped = a.Skipped + b.Skipped,
        Duplicates = a.Duplicates + b.Duplicates,
        Stored = a.Stored + b.Stored,
        Failed = a.Failed + b.Failed,
        NotAttempted = a.NotAttempted + b.NotAttempted,
    };
}
