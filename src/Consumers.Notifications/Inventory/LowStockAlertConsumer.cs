using Bus.Consumers.Notifications.Gateway;
using Bus.Consumers.Notifications.Log;
using Bus.Consumers.Notifications.Persistence;
using Bus.Contracts.Inventory;
using Bus.Messaging.Idempotency;
using MassTransit;

namespace Bus.Consumers.Notifications.Inventory;

/// <summary>A product's stock crossed its reorder threshold: alerts purchasing, through the purchasing gateway.</summary>
public sealed class LowStockAlertConsumer(NotificationsDbContext db, NotificationLog log, NotificationsEndpoints endpoints) : IConsumer<LowStockDetected>
{
    public const string Effect = "notifications-purchasing-alert";

    public async Task Consume(ConsumeContext<LowStockDetected> context)
    {
        var low = context.Message;
        var key = EffectKeys.For(Effect, low);
        if (await log.AlreadyCoveredAsync(NotificationKind.PurchasingAlert, low, key, context.CancellationToken))
            return;

        log.Add(Notification.For(NotificationKind.PurchasingAlert, low, key, log.Now, productId: low.ProductId));
        var gateway = await context.GetSendEndpoint(NotificationsEndpoints.Queue(endpoints.PurchasingGateway));
        await gateway.Send(new SendPurchasingAlert
        {
            IdempotencyKey = key, Change = low.Change, ProductId = low.ProductId, Sku = low.Sku, Name = low.Name,
            Quantity = low.Quantity, Threshold = low.ReorderThreshold, SuggestedOrderQuantity = low.SuggestedOrderQuantity,
        }, context.CancellationToken);
        await db.SaveChangesAsync(context.CancellationToken);
    }
}
