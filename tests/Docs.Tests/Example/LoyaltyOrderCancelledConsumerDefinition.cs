using MassTransit;

namespace Loyalty;

/// <summary>On the <c>loyalty</c> queue too.</summary>
public sealed class LoyaltyOrderCancelledConsumerDefinition : ConsumerDefinition<LoyaltyOrderCancelledConsumer>
{
    public LoyaltyOrderCancelledConsumerDefinition(LoyaltyEndpoints endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        EndpointName = endpoints.Orders;
    }
}
