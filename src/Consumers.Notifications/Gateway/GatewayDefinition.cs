using Bus.Messaging.Gateway;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Bus.Consumers.Notifications.Gateway;

/// <summary>
/// A gateway consumer on its own endpoint: a concurrency limit, retry with exponential back-off and jitter for
/// transient failures (<see cref="GatewayRetry"/>, 2-4 minutes), none for a permanent rejection (straight to <c>&lt;queue&gt;_error</c> with the reason in the
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
        endpointConfigurator.UseMessageRetry(r => GatewayRetry.Configure(r));
    }
}
