using Microsoft.Extensions.DependencyInjection;
using Bus.StreamBridge.Pipeline;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bus.StreamBridge.Hosting;

/// <summary>
/// The Lambda entry point, for the managed .NET runtime with no Lambda package: handler string
/// <c>Bus.StreamBridge::Bus.StreamBridge.Hosting.LambdaFunction::Handle</c>. The runtime passes the event JSON as a
/// <see cref="Stream"/> and returns the result stream as the response. The host (and its broker connection) is
/// built on the first invocation and reused by every later one in the same execution environment.
/// </summary>
public sealed class LambdaFunction
{
    private static readonly SemaphoreSlim StartLock = new(1, 1);
    private static IHost? _host;

    /// <summary>Handles one DynamoDB Streams or Kinesis batch; returns <c>{"batchItemFailures": [...]}</c>.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Lambda instantiates the handler class and calls an instance method.")]
    public async Task<Stream> Handle(Stream input)
    {
        var host = await GetHostAsync();
        return await host.Services.GetRequiredService<StreamBatchHandler>().HandleAsync(input, CancellationToken.None);
    }

    /// <summary>Stops and disposes the host, if started: for a process that ends after its invocations (the CLI's
    /// <c>invoke</c>). Lambda never calls it; it freezes or ends the execution environment instead.</summary>
    internal static async Task StopAsync()
    {
        await StartLock.WaitAsync();
        try
        {
            if (_host is { } host)
            {
                _host = null;
                await host.StopAsync();
                host.Dispose();
            }
        }
        finally
        {
            StartLock.Release();
        }
    }

    private static async Task<IHost> GetHostAsync()
    {
        if (_host is { } started)
        {
            return started;
        }

        await StartLock.WaitAsync();
        try
        {
            if (_host is null)
            {
                // A failed start is not cached: the next invocation tries again.
                var builder = BridgeHost.CreateBuilder([]);
                builder.Services.AddStreamBridge(builder.Configuration);
                var host = builder.Build();
                await host.StartAsync();
                BridgeLog.Started(host.Services.GetRequiredService<ILogger<LambdaFunction>>(), GarbageCollectorSettings.Describe(GC.GetConfigurationVariables()));
                _host = host;
            }

            return _host;
        }
        finally
        {
            StartLock.Release();
        }
    }
}
