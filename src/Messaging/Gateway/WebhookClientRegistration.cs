using System.Threading.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Bus.Messaging.Gateway;

/// <summary>Registers a <see cref="WebhookClient"/> per external system, as a keyed service named after it.</summary>
public static class WebhookClientRegistration
{
    /// <summary>Adds the client for <paramref name="name"/>, bound to configuration <c>ExternalSystems:&lt;name&gt;</c>
    /// and validated at start-up. Resolve it with <c>[FromKeyedServices(name)] WebhookClient</c>.</summary>
    public static IServiceCollection AddWebhookClient(this IServiceCollection services, string name, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ExternalSystemOptions>(name)
            .Bind(configuration.GetSection($"ExternalSystems:{name}"))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddHttpClient(name, (sp, client) =>
            {
                var settings = sp.GetRequiredService<IOptionsMonitor<ExternalSystemOptions>>().Get(name);
                client.BaseAddress = settings.BaseUrl;
                // The resilience pipeline's own time-outs govern; HttpClient's would cut retries short.
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddResilienceHandler($"{name}-pipeline", (pipeline, context) =>
            {
                var settings = context.ServiceProvider.GetRequiredService<IOptionsMonitor<ExternalSystemOptions>>().Get(name);
                pipeline
                    .AddRateLimiter(new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = settings.PermitsPerSecond,
                        TokensPerPeriod = settings.PermitsPerSecond,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = settings.QueueLimit,
                        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                    }))
                    .AddRetry(new HttpRetryStrategyOptions
                    {
                        // POST is retried on purpose: every call carries an Idempotency-Key.
                        MaxRetryAttempts = settings.MaxRetryAttempts,
                        Delay = settings.RetryBaseDelay,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        ShouldRetryAfterHeader = true,
                    })
                    .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                    {
                        FailureRatio = settings.BreakerFailureRatio,
                        MinimumThroughput = settings.BreakerMinimumThroughput,
                        SamplingDuration = TimeSpan.FromSeconds(30),
                        BreakDuration = settings.BreakDuration,
                    })
                    .AddTimeout(settings.AttemptTimeout);
            });
        services.AddKeyedSingleton(name, (sp, _) => new WebhookClient(
            name,
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(name),
            sp.GetRequiredService<IOptionsMonitor<ExternalSystemOptions>>(),
            sp.GetService<TimeProvider>() ?? TimeProvider.System));
        return services;
    }
}
