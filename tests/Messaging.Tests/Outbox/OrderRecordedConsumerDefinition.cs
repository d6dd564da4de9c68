using MassTransit;

namespace Bus.Messaging.Tests.Outbox;

/// <summary>One message at a time, so the arrival order the tests see is the delivery order.</summary>
public sealed class OrderRecordedConsumerDefinition : ConsumerDefinition<OrderRecordedConsumer>
{
    public OrderRecordedConsumerDefinition()
    {
        ConcurrentMessageLimit = 1;
    }
}
