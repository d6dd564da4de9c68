using Bus.StreamBridge.Pipeline;
using MassTransit;

namespace Bus.StreamBridge.Publishing;

/// <summary>
/// Publishes through MassTransit with the event's deterministic message id. On RabbitMQ the bus is configured with
/// publisher confirms, so the returned task completes once the broker has the message; that is what allows the
/// bridge to acknowledge the record to Lambda.
/// </summary>
public sealed class MassTransitEventPublisher(IPublishEndpoint publishEndpoint) : IEventPublisher
{
    public Task PublishAsync(OutgoingEvent outgoing, CancellationToken cancellationToken)
    {
        var messageId = outgoing.MessageId;
        return publishEndpoint.Publish(
            outgoing.Message,
            outgoing.Message.GetType(),
            Pipe.Execute<PublishContext>(context => context.MessageId = messageId),
            cancellationToken);
    }
}
