using MassTransit;

namespace Bus.Messaging.Tests.Outbox;

/// <summary>Downstream of the outbox: counts what was delivered.</summary>
public sealed class OrderRecordedConsumer(TestProbe probe) : IConsumer<OrderRecorded>
{
    public Task Consume(ConsumeContext<OrderRecorded> context)
    {
        TestProbe.Increment(probe.Recorded, context.Message.OrderId);
        probe.RecordedSequence.Enqueue(context.Message.OrderId);
        return Task.CompletedTask;
    }
}
