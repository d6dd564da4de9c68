using Bus.Consumers.Notifications.Diagnostics;
using Bus.Consumers.Notifications.Persistence;
using Bus.Contracts;
using Bus.Messaging.Persistence;

namespace Bus.Consumers.Notifications.Contacts;

/// <summary>The contact copy, within the consumer's transaction: loads or starts a customer's contact and saves a change.</summary>
public sealed class ContactBook(NotificationsDbContext db, TimeProvider time, ILogger<ContactBook> logger)
{
    public DateTimeOffset Now => time.GetUtcNow();

    public async Task<NotificationContact> FindOrAddAsync(string customerId, CancellationToken cancellationToken)
    {
        var contact = await CompiledQueries.For<NotificationsQueries>(db).Contact(db, customerId, cancellationToken);
        if (contact is null)
        {
            contact = new NotificationContact { CustomerId = customerId };
            db.Contacts.Add(contact);
        }

        return contact;
    }

    /// <summary>Saves the contact when the change was applied; logs an ignored (stale, duplicate, erased) one at Debug.</summary>
    public async Task CompleteAsync(bool applied, string customerId, IChangeEvent source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var eventType = source.GetType().Name;
        if (!applied)
        {
            logger.ContactChangeIgnored(eventType, customerId, source.Change.StreamEventId);
            return;
        }

        await db.SaveChangesAsync(cancellationToken);
        logger.ContactChangeApplied(eventType, customerId);
    }
}
