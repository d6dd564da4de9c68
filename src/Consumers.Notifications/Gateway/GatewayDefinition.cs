using Bus.Messaging.Gateway;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Bus.Consumers.Notifications.Gateway;

/// <summary>
/// A gateway consumer on its own endpoint: a concurrency limit, retry with exponential back-off and jitter for
/// transient failures, none for a permanent rejection (straight to <c>&lt;queue&gt;_error</c> with the reason in the
/// fault headers). Commands are sent to the queue, never published, so no message-type exchange is bound.
/// </summary>
public abstract class GatewayDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    protected GatewayDefinition(string endpointName, IOptions<NotificationsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var limit = options.Value.GatewayConcurrencyLimit;
        Endpoint(e =>
        {
            e.Name = endpointName;
            e.ConcurrentMessageLimit = limit;
            e.PrefetchCount = limit;
            e.ConfigureConsumeTopology = false;
        });
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<TConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(r =>
        {
            r.Exponential(5, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(500));
            r.Ignore<PermanentExternalFailureException>();
        });
    }
}
