using Bus.Contracts.Orders;
using Bus.Messaging.Idempotency;
using MassTransit;

namespace Loyalty;

/// <summary>An order was placed: one point per whole unit of its total, sent to the platform through the outbox.</summary>
public sealed class LoyaltyOrderPlacedConsumer(LoyaltyDbContext db, LoyaltyEndpoints endpoints) : IConsumer<OrderPlaced>
{
    public const string Effect = "loyalty-award";

    public async Task Consume(ConsumeContext<OrderPlaced> context)
    {
        var placed = context.Message;
        var order = await db.Orders.FindAsync([placed.OrderId], context.CancellationToken)
            ?? db.Orders.Add(new LoyaltyOrder { OrderId = placed.OrderId, CustomerId = placed.CustomerId }).Entity;
        if (!order.TryPlace(placed.Change, (int)decimal.Floor(placed.Total)))
            return;

        var gateway = await context.GetSendEndpoint(endpoints.GatewayAddress);
        await gateway.Send(new PostPoints
        {
            CustomerId = placed.CustomerId, OrderId = placed.OrderId, Points = order.Points,
            IdempotencyKey = EffectKeys.For(Effect, placed),
        }, context.CancellationToken);
        await db.SaveChangesAsync(context.CancellationToken);
    }
}
