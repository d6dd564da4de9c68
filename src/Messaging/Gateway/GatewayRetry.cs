using MassTransit;
using MassTransit.RetryPolicies;

namespace Bus.Messaging.Gateway;

/// <summary>
/// The retry of a gateway endpoint: a command whose external system is unavailable
/// (<see cref="ExternalSystemUnavailableException"/>) is tried again with exponential back-off, about 2 s growing to
/// 30 s apart (MassTransit adds up to a quarter of jitter), for 2-4 minutes with the default limit; a permanent rejection
/// (<see cref="PermanentExternalFailureException"/>) is not retried and faults to the endpoint's error queue at once.
/// The span must outlast an open circuit: the client's circuit breaker rejects every call for its
/// <c>BreakDuration</c> (15 s by default) and opens again for as long when its trial call fails, so an outage of half a
/// minute keeps it open for 30-45 s. A shorter retry (it used to be over in about 16 s) faulted every command in flight
/// to the error queue during such an outage, leaving its effect to a manual redrive.
/// </summary>
public static class GatewayRetry
{
    /// <summary>Retries after the first attempt: 2-4 minutes of waits in all.</summary>
    public const int DefaultRetryLimit = 10;

    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two attempts before jitter, so a recovered system gets its commands soon.</summary>
    public static readonly TimeSpan MaxInterval = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan IntervalDelta = TimeSpan.FromSeconds(1);

    /// <summary>Configures <paramref name="retry"/> (of <c>UseMessageRetry</c> on a gateway endpoint).</summary>
    public static void Configure(IRetryConfigurator retry, int retryLimit = DefaultRetryLimit)
    {
        ArgumentNullException.ThrowIfNull(retry);
        retry.SetRetryPolicy(filter => Policy(filter, retryLimit));
        retry.Ignore<PermanentExternalFailureException>();
    }

    /// <summary>The policy <see cref="Configure"/> sets: exponential with jitter (MassTransit's
    /// <see cref="ExponentialRetryPolicy"/>).</summary>
    public static ExponentialRetryPolicy Policy(IExceptionFilter filter, int retryLimit = DefaultRetryLimit) =>
        new(filter, retryLimit, MinInterval, MaxInterval, IntervalDelta);
}
