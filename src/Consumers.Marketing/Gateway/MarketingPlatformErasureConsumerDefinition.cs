using MassTransit;

namespace Bus.Consumers.Marketing.Gateway;

/// <summary>
/// On the gateway queue; retry, concurrency limit and the fault-to-error behaviour are set once for that endpoint
/// (<see cref="MarketingServiceExtensions.ConfigureMarketingEndpoints"/>), since two consumers share it.
/// </summary>
public sealed class MarketingPlatformErasureConsumerDefinition : ConsumerDefinition<MarketingPlatformErasureConsumer>
{
    public MarketingPlatformErasureConsumerDefinition(MarketingEndpoints endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        EndpointName = endpoints.PlatformGateway;
    }
}
