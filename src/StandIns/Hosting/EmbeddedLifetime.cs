using Microsoft.Extensions.Hosting;

namespace Bus.StandIns.Hosting;

/// <summary>Leaves Ctrl+C and SIGTERM to whoever owns the process: each stand-in is a small web host inside a larger one,
/// and five console lifetimes would each stop their own host and print their own banner.</summary>
internal sealed class EmbeddedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
