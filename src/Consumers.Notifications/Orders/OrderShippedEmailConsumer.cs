using Bus.Consumers.Notifications.Gateway;
using Bus.Consumers.Notifications.Log;
using Bus.Consumers.Notifications.Persistence;
using Bus.Contracts.Orders;
using Bus.Messaging.Idempotency;
using Bus.Messaging.Persistence;
using MassTransit;

namespace Bus.Consumers.Notifications.Orders;

/// <summary>An order shipped: e-mails the customer the tracking number, carrier and estimated delivery, through the
/// e-mail gateway. Waits (retries) for a contact, or its e-mail address, not known yet (a phone change can overtake the registration);
/// skips an erased customer or one known to have no e-mail address.</summary>
public sealed class OrderShippedEmailConsumer(NotificationsDbContext db, NotificationLog log, NotificationsEndpoints endpoints) : IConsumer<OrderShipped>
{
    public const string Effect = "notifications-shipment-email";

    public async Task Consume(ConsumeContext<OrderShipped> context)
    {
        var shipped = context.Message;
        var key = EffectKeys.For(Effect, shipped);
        if (await log.AlreadyCoveredAsync(NotificationKind.ShipmentEmail, shipped, key, context.CancellationToken))
            return;

        var contact = await CompiledQueries.For<NotificationsQueries>(db).Contact(db, shipped.CustomerId, context.CancellationToken);
        if (contact is null || !(contact.Erased || contact.EmailKnown))
            throw log.ContactNotYetKnown(NotificationKind.ShipmentEmail, shipped.CustomerId);

        var skip = contact.Erased ? SkipReasons.Erased : contact.Email is null ? SkipReasons.NoEmail : null;
        log.Add(Notification.For(NotificationKind.ShipmentEmail, shipped, key, log.Now, shipped.CustomerId, shipped.OrderId, skipReason: skip));
        if (contact.Email is { } email && skip is null)
        {
            var gateway = await context.GetSendEndpoint(NotificationsEndpoints.Queue(endpoints.EmailGateway));
            await gateway.Send(new SendShipmentEmail
            {
                IdempotencyKey = key, Change = shipped.Change, CustomerId = shipped.CustomerId, OrderId = shipped.OrderId,
                To = email, Subject = CustomerMessages.ShipmentSubject(shipped), Text = CustomerMessages.ShipmentText(shipped, contact.Name),
            }, context.CancellationToken);
        }

        await db.SaveChangesAsync(context.CancellationToken);
    }
}
