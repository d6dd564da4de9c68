using Bus.Consumers.Shipping.Hosting;
using Bus.Messaging.Gateway;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Bus.Consumers.Shipping.Gateway;

/// <summary>
/// The gateway endpoint (<c>shipping-system-gateway</c>): a bounded number of calls at once, redelivery with exponential
/// back-off while the shipping system is unavailable (<see cref="GatewayRetry"/>, <c>Shipping:GatewayRetryLimit</c> times), and none for a permanent rejection, which faults the command straight
/// to <c>shipping-system-gateway_error</c> with the reason in its fault headers. No inbox: the call must not run inside a
/// transaction, and <see cref="ShippingSystemGateway"/> makes it unique on its idempotency key instead.
/// </summary>
public sealed class ShippingSystemGatewayConsumerDefinition : ConsumerDefinition<ShippingSystemGatewayConsumer>
{
    private readonly int _retryLimit;

    public ShippingSystemGatewayConsumerDefinition(ShippingEndpoints endpoints, IOptions<ShippingOptions> options)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(options);
        EndpointName = endpoints.Gateway;
        ConcurrentMessageLimit = options.Value.GatewayConcurrencyLimit;
        _retryLimit = options.Value.GatewayRetryLimit;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<ShippingSystemGatewayConsumer> consumerConfigurator, IRegistrationContext context)
    {
        ArgumentNullException.ThrowIfNull(endpointConfigurator);
        endpointConfigurator.UseMessageRetry(r => GatewayRetry.Configure(r, _retryLimit));
    }
}
