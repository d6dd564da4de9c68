using MassTransit;

namespace Bus.Messaging.Tests.Outbox;

/// <summary>Downstream of the outbox: counts the commands that were delivered.</summary>
public sealed class AuditOrderConsumer(TestProbe probe) : IConsumer<AuditOrder>
{
    public Task Consume(ConsumeContext<AuditOrder> context)
    {
        TestProbe.Increment(probe.Audited, context.Message.OrderId);
        return Task.CompletedTask;
    }
}
