using Bus.Messaging.Gateway;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Loyalty;

/// <summary>The gateway queue: a few calls at once, retried with back-off while the platform is unavailable, never for a
/// permanent rejection (straight to <c>loyalty-platform-gateway_error</c>). Commands are sent to it, so it binds no exchange.</summary>
public sealed class LoyaltyGatewayConsumerDefinition : ConsumerDefinition<LoyaltyGatewayConsumer>
{
    public LoyaltyGatewayConsumerDefinition(LoyaltyEndpoints endpoints, IOptions<LoyaltyOptions> options)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(options);
        var limit = options.Value.GatewayConcurrency;
        Endpoint(e =>
        {
            e.Name = endpoints.Gateway;
            e.ConcurrentMessageLimit = limit;
            e.ConfigureConsumeTopology = false;
        });
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<LoyaltyGatewayConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(r => GatewayRetry.Configure(r));
    }
}
