using Bus.StreamBridge.Hosting;
using Bus.StreamBridge.Publishing;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bus.FaultInjection.Tests;

/// <summary>
/// The stream bridge as Lambda runs it: the host <c>LambdaFunction</c> builds (<see cref="BridgeHost"/>, the bridge's
/// full registration, MassTransit on RabbitMQ with publisher confirms), invoked through <see cref="StreamBatchHandler"/>
/// with the event as a stream. Inside the test process, because the test plays the Lambda service around it.
/// </summary>
public sealed class BridgeUnderTest : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly FileLoggerProvider _log;
    private readonly StreamBatchHandler _handler;

    private BridgeUnderTest(IHost host, FileLoggerProvider log)
    {
        _host = host;
        _log = log;
        _handler = host.Services.GetRequiredService<StreamBatchHandler>();
    }

    /// <param name="settings">Configuration over the bridge's defaults (transport, tables, time-outs).</param>
    /// <param name="wrapPublisher">Wraps the real publisher, to inject publish faults; null publishes as is.</param>
    /// <param name="logPath">Where the bridge's log goes.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<BridgeUnderTest> StartAsync(IReadOnlyDictionary<string, string?> settings, Func<IEventPublisher, IEventPublisher>? wrapPublisher,
        string logPath, CancellationToken cancellationToken)
    {
        var builder = BridgeHost.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(settings);
        var log = new FileLoggerProvider(logPath);
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(log);
        if (wrapPublisher is not null)
        {
            // Registered before the bridge's own: AddStreamBridge adds its publisher only when none is registered.
            builder.Services.AddSingleton(sp => wrapPublisher(new MassTransitEventPublisher(sp.GetRequiredService<IBus>())));
        }

        builder.Services.AddStreamBridge(builder.Configuration);
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch
        {
            host.Dispose();
            log.Dispose();
            throw;
        }

        return new BridgeUnderTest(host, log);
    }

    /// <summary>One Lambda invocation.</summary>
    public Task<Stream> InvokeAsync(Stream input, CancellationToken cancellationToken) => _handler.HandleAsync(input, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
        {
            try
            {
                await _host.StopAsync(stop.Token);
            }
            catch (OperationCanceledException)
            {
                // the broker is gone or slow: the host is disposed anyway
            }
        }

        _host.Dispose();
        _log.Dispose();
    }
}
