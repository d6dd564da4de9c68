using Bus.Consumers.Shipping.Hosting;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Bus.Consumers.Shipping.Addresses;

/// <summary>On the service's one domain endpoint (<c>shipping</c>), whose retry and inbox/outbox
/// <see cref="ShippingServiceExtensions.AddShippingConsumers"/> configures once for all its consumers.</summary>
public sealed class ShippingAddressBookConsumerDefinition : ConsumerDefinition<ShippingAddressBookConsumer>
{
    public ShippingAddressBookConsumerDefinition(ShippingEndpoints endpoints, IOptions<ShippingOptions> options)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(options);
        EndpointName = endpoints.Domain;
        ConcurrentMessageLimit = options.Value.DomainConcurrencyLimit;
    }
}
