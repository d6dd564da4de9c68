using Bus.Messaging.Transport;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bus.Messaging.Hosting;

/// <summary>
/// Ends the process, with exit code <see cref="ExitCode"/>, when its bus has not started within
/// <see cref="BusTransportOptions.StartTimeout"/> or its start failed, so that the orchestrator (compose's restart policy,
/// ECS, Kubernetes) starts it again.
/// </summary>
/// <remarks>
/// MassTransit 8 starts the bus in the background, so <c>/health/live</c> answers while the broker is unreachable, and it
/// never starts a bus again once its start failed or hung. A broker that closed the connection in the middle of the start
/// left a service consuming on reconnected endpoints but never "started": <c>/health/ready</c> failed for good and nothing
/// restarted it (docs/fault-injection.md). Waiting inside the host's start instead (<c>WaitUntilStarted</c>) would stop
/// <c>/health/live</c> from answering while the broker is down.
/// </remarks>
public sealed partial class BusStartWatchdog(
    IOptions<BusTransportOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<BusStartWatchdog> logger) : BackgroundService, IBusObserver
{
    /// <summary>EX_TEMPFAIL of sysexits.h: a temporary failure; starting the process again may succeed.</summary>
    public const int ExitCode = 75;

    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var timeout = options.Value.StartTimeout;
        try
        {
            if (timeout == TimeSpan.Zero)
            {
                await _started.Task.WaitAsync(stoppingToken).ConfigureAwait(false);
            }
            else
            {
                await _started.Task.WaitAsync(timeout, time, stoppingToken).ConfigureAwait(false);
            }

            return;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        catch (TimeoutException)
        {
            LogNotStarted(logger, timeout.TotalSeconds, ExitCode);
        }
#pragma warning disable CA1031 // Whatever failed the start, the process ends the same way; the exception is logged.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogStartFaulted(logger, exception, ExitCode);
        }

        Environment.ExitCode = ExitCode;
        lifetime.StopApplication();
    }

    public void PostCreate(IBus bus)
    {
    }

    public void CreateFaulted(Exception exception)
    {
        _started.TrySetException(exception);
    }

    public Task PreStart(IBus bus) => Task.CompletedTask;

    /// <summary>Called once every receive endpoint of the bus is ready.</summary>
    public Task PostStart(IBus bus, Task<BusReady> busReady)
    {
        _started.TrySetResult();
        return Task.CompletedTask;
    }

    public Task StartFaulted(IBus bus, Exception exception)
    {
        _started.TrySetException(exception);
        return Task.CompletedTask;
    }

    public Task PreStop(IBus bus) => Task.CompletedTask;

    public Task PostStop(IBus bus) => Task.CompletedTask;

    public Task StopFaulted(IBus bus, Exception exception) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Critical,
        Message = "The bus did not start within {StartTimeoutSeconds} s (Bus:StartTimeout); stopping with exit code {ExitCode} so that the process is started again")]
    private static partial void LogNotStarted(ILogger logger, double startTimeoutSeconds, int exitCode);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The bus failed to start; stopping with exit code {ExitCode} so that the process is started again")]
    private static partial void LogStartFaulted(ILogger logger, Exception exception, int exitCode);
}
