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
    public Task PublishAsync(OutgoingEvent outgoing, CancellationToken cancellationToken) =>
        publishEndpoint.Publish(outgoing.Message, outgoing.Message.GetType(), new MessageIdPipe(outgoing.MessageId), cancellationToken);

    /// <summary>Sets the message id: one object per event, where <c>Pipe.Execute</c> with a lambda took three.</summary>
    private sealed class MessageIdPipe(Guid messageId) : IPipe<PublishContext>
    {
        public Task Send(PublishContext context)
        {
            context.MessageId = messageId;
            return Task.CompletedTask;
        }

        public void Probe(ProbeContext context)
        {
        }
    }
}
