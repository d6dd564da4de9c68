using Bus.Consumers.Notifications.Gateway;
using Bus.Consumers.Notifications.Log;
using Bus.Consumers.Notifications.Persistence;
using Bus.Contracts.Orders;
using Bus.Messaging.Idempotency;
using Bus.Messaging.Persistence;
using MassTransit;

namespace Bus.Consumers.Notifications.Orders;

/// <summary>An order was delivered: texts the customer, through the SMS gateway. Waits (retries) for a contact, or
/// its phone number, not known yet (an e-mail change can overtake the registration); skips an erased customer or one
/// known to have no phone number.</summary>
public sealed class OrderDeliveredSmsConsumer(NotificationsDbContext db, NotificationLog log, NotificationsEndpoints endpoints) : IConsumer<OrderDelivered>
{
    public const string Effect = "notifications-delivery-sms";

    public async Task Consume(ConsumeContext<OrderDelivered> context)
    {
        var delivered = context.Message;
        var key = EffectKeys.For(Effect, delivered);
        if (await log.AlreadyCoveredAsync(NotificationKind.DeliverySms, delivered, key, context.CancellationToken))
            return;

        var contact = await CompiledQueries.For<NotificationsQueries>(db).Contact(db, delivered.CustomerId, context.CancellationToken);
        if (contact is null || !(contact.Erased || contact.PhoneKnown))
            throw log.ContactNotYetKnown(NotificationKind.DeliverySms, delivered.CustomerId);

        var skip = contact.Erased ? SkipReasons.Erased : contact.Phone is null ? SkipReasons.NoPhone : null;
        log.Add(Notification.For(NotificationKind.DeliverySms, delivered, key, log.Now, delivered.CustomerId, delivered.OrderId, skipReason: skip));
        if (contact.Phone is { } phone && skip is null)
        {
            var gateway = await context.GetSendEndpoint(NotificationsEndpoints.Queue(endpoints.SmsGateway));
            await gateway.Send(new SendDeliverySms
            {
                IdempotencyKey = key, Change = delivered.Change, CustomerId = delivered.CustomerId, OrderId = delivered.OrderId,
                To = phone, Text = CustomerMessages.DeliveryText(delivered),
            }, context.CancellationToken);
        }

        await db.SaveChangesAsync(context.CancellationToken);
    }
}
