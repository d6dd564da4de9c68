using Bus.Messaging.Outbox;
using MassTransit;

namespace Bus.Messaging.Tests.Outbox;

/// <summary>The endpoint settings a service would use: retries, then the inbox/outbox.</summary>
public sealed class OrderSubmittedConsumerDefinition : ConsumerDefinition<OrderSubmittedConsumer>
{
    public const int RetryLimit = 3;

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<OrderSubmittedConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(r => r.Immediate(RetryLimit));
        endpointConfigurator.UseEntityFrameworkOutbox<TestDbContext>(context);
    }
}
