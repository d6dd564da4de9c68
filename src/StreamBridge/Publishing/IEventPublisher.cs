using Bus.StreamBridge.Pipeline;

namespace Bus.StreamBridge.Publishing;

/// <summary>Publishes one event; the task completes only when the broker has confirmed it.</summary>
public interface IEventPublisher
{
    Task PublishAsync(OutgoingEvent outgoing, CancellationToken cancellationToken);
}
