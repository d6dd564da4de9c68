using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bus.StandIns.Hosting;

/// <summary>Runs a <see cref="StandInServer"/> for the lifetime of a host.</summary>
internal sealed class StandInHostedService(IOptions<StandInOptions> options, ILoggerFactory loggerFactory, TimeProvider time) : IHostedService, IAsyncDisposable
{
    private StandInServer? _server;

    public async Task StartAsync(CancellationToken cancellationToken) =>
        _server = await StandInServer.StartAsync(options.Value, loggerFactory, time, cancellationToken);

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (_server is { } server)
        {
            _server = null;
            await server.DisposeAsync();
        }
    }
}
