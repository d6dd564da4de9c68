using Bus.Contracts.Orders;
using Bus.Messaging.Idempotency;
using MassTransit;

namespace Loyalty;

/// <summary>An order was cancelled: the points it earned are taken back.</summary>
public sealed class LoyaltyOrderCancelledConsumer(LoyaltyDbContext db, LoyaltyEndpoints endpoints) : IConsumer<OrderCancelled>
{
    public const string Effect = "loyalty-revoke";

    public async Task Consume(ConsumeContext<OrderCancelled> context)
    {
        var cancelled = context.Message;
        var order = await db.Orders.FindAsync([cancelled.OrderId], context.CancellationToken)
            ?? db.Orders.Add(new LoyaltyOrder { OrderId = cancelled.OrderId, CustomerId = cancelled.CustomerId }).Entity;
        var awarded = order.Points;
        if (!order.TryCancel(cancelled.Change))
            return;

        if (awarded > 0)
        {
            var gateway = await context.GetSendEndpoint(endpoints.GatewayAddress);
            await gateway.Send(new PostPoints
            {
                CustomerId = cancelled.CustomerId, OrderId = cancelled.OrderId, Points = -awarded,
                IdempotencyKey = EffectKeys.For(Effect, cancelled),
            }, context.CancellationToken);
        }

        await db.SaveChangesAsync(context.CancellationToken);
    }
}
