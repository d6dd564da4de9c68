using Bus.StreamBridge.Pipeline;
using Bus.StreamBridge.Publishing;

namespace Bus.StreamBridge.Tests.Harness;

/// <summary>Publishes through the real publisher, except for events the predicate picks, which throw as a broker
/// outage would.</summary>
internal sealed class FailingPublisher(IEventPublisher inner, Func<OutgoingEvent, bool> fails) : IEventPublisher
{
    public int Attempts;

    public Task PublishAsync(OutgoingEvent outgoing, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Attempts);
        return fails(outgoing)
            ? Task.FromException(new InvalidOperationException("injected publish failure"))
            : inner.PublishAsync(outgoing, cancellationToken);
    }
}
