using MassTransit;

namespace Bus.Consumers.Marketing.Contacts;

/// <summary>
/// On the service's shared <c>marketing</c> endpoint; its retry and inbox/outbox are set once for that endpoint
/// (<see cref="MarketingServiceExtensions.ConfigureMarketingEndpoints"/>), not per consumer.
/// </summary>
public sealed class MarketingContactRegistrationConsumerDefinition : ConsumerDefinition<MarketingContactRegistrationConsumer>
{
    public MarketingContactRegistrationConsumerDefinition(MarketingEndpoints endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        EndpointName = endpoints.Contacts;
    }
}
