using Bus.Messaging.Tests.Outbox;
using MassTransit;

namespace Bus.Messaging.Tests.Infrastructure;

/// <summary>
/// Fails the broker send of <see cref="OrderRecorded"/> while the probe's delivery is closed: the outbox delivery after the
/// commit fails as if the process had died there. Send observers run at the transport, so messages written to the outbox
/// inside the consumer are not affected.
/// </summary>
public sealed class DeliveryGate(TestProbe probe) : ISendObserver
{
    public Task PreSend<T>(SendContext<T> context)
        where T : class
    {
        if (!probe.DeliveryOpen && context.SupportedMessageTypes.Any(x => x.Contains(nameof(OrderRecorded), StringComparison.Ordinal)))
            throw new InvalidOperationException("Delivery is closed: simulated crash between commit and delivery");
        return Task.CompletedTask;
    }

    public Task PostSend<T>(SendContext<T> context)
        where T : class => Task.CompletedTask;

    public Task SendFault<T>(SendContext<T> context, Exception exception)
        where T : class => Task.CompletedTask;
}
