using MassTransit;

namespace Loyalty;

/// <summary>On the <c>loyalty</c> queue; its retry, ordering and inbox/outbox are set once for the queue.</summary>
public sealed class LoyaltyOrderPlacedConsumerDefinition : ConsumerDefinition<LoyaltyOrderPlacedConsumer>
{
    public LoyaltyOrderPlacedConsumerDefinition(LoyaltyEndpoints endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        EndpointName = endpoints.Orders;
    }
}
