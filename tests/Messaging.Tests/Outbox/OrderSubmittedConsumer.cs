using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Bus.Messaging.Tests.Outbox;

/// <summary>Writes a row, publishes an event and sends a command (unless told to send nothing), then fails if the message asks it to.</summary>
public sealed class OrderSubmittedConsumer(TestDbContext dbContext, TestProbe probe) : IConsumer<OrderSubmitted>
{
    public async Task Consume(ConsumeContext<OrderSubmitted> context)
    {
        var message = context.Message;
        var attempt = TestProbe.Increment(probe.ConsumerCalls, message.OrderId);

        if (dbContext.Database.IsNpgsql())
        {
            var level = await dbContext.Database.SqlQueryRaw<string>("SELECT current_setting('transaction_isolation') AS \"Value\"")
                .SingleAsync(context.CancellationToken);
            probe.IsolationLevels.Enqueue(level);
        }

        dbContext.Effects.Add(new Effect { OrderId = message.OrderId, MessageId = context.MessageId!.Value });
        await dbContext.SaveChangesAsync(context.CancellationToken);

        if (message.SendNothing)
            return;

        await context.Publish(new OrderRecorded { OrderId = message.OrderId }, context.CancellationToken);
        var audit = await context.GetSendEndpoint(new Uri($"queue:{message.AuditQueue}"));
        await audit.Send(new AuditOrder { OrderId = message.OrderId }, context.CancellationToken);

        if (message.HoldMilliseconds > 0)
            await Task.Delay(message.HoldMilliseconds, context.CancellationToken);

        if (attempt <= message.FailTimes)
            throw new InvalidOperationException($"Intentional failure of attempt {attempt}");
    }
}
