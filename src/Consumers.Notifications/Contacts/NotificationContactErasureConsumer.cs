using Bus.Contracts.Customers;
using MassTransit;

namespace Bus.Consumers.Notifications.Contacts;

/// <summary>
/// A deleted customer (by the application or TTL): erases name, e-mail and phone and keeps a tombstone, so later
/// notifications for the customer are skipped and late, older changes cannot bring the data back.
/// </summary>
public sealed class NotificationContactErasureConsumer(ContactBook contacts) : IConsumer<CustomerDeleted>
{
    public async Task Consume(ConsumeContext<CustomerDeleted> context)
    {
        var deleted = context.Message;
        var contact = await contacts.FindOrAddAsync(deleted.CustomerId, context.CancellationToken);
        var applied = contact.Erase(deleted.Change, contacts.Now);
        await contacts.CompleteAsync(applied, deleted.CustomerId, deleted, context.CancellationToken);
    }
}
