using Bus.Consumers.Notifications.Contacts;
using Bus.Consumers.Notifications.Diagnostics;
using Bus.Consumers.Notifications.Persistence;
using Bus.Contracts;
using Bus.Messaging.Idempotency;
using Bus.Messaging.Persistence;

namespace Bus.Consumers.Notifications.Log;

/// <summary>The notification log of the consumer's transaction: what was decided already, and the new entries.</summary>
public sealed class NotificationLog(NotificationsDbContext db, TimeProvider time, ILogger<NotificationLog> logger)
{
    /// <summary>
    /// True when <paramref name="source"/> needs no notification: one was decided for this source event already
    /// (same idempotency key, e.g. a copy that came after its inbox row expired), or for an event of the same entity
    /// and kind at the same or a later position (this one arrived late).
    /// </summary>
    public async Task<bool> AlreadyCoveredAsync(NotificationKind kind, IChangeEvent source, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var entityKey = source.Change.EntityKey;
        var earlier = await CompiledQueries.For<NotificationsQueries>(db).Earlier(db, idempotencyKey, kind, entityKey).ToListAsync(cancellationToken);
        if (earlier.Any(n => n.IdempotencyKey == idempotencyKey))
        {
            logger.DuplicateNotification(kind, idempotencyKey);
            return true;
        }

        if (earlier.Any(n => !ChangeOrdering.IsNewer(source.Change, n.SourceVersion, n.SourceSequence)))
        {
            logger.StaleNotification(kind, entityKey, source.Change.StreamEventId);
            return true;
        }

        return false;
    }

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Logs the wait for a contact and returns the transient exception that makes the endpoint retry.</summary>
    public ContactNotYetKnownException ContactNotYetKnown(NotificationKind kind, string customerId)
    {
        logger.WaitingForContact(kind, customerId);
        return new ContactNotYetKnownException(customerId);
    }

    /// <summary>Adds the entry to the consumer's unit of work (saved with its inbox row and outbox messages).</summary>
    public void Add(Notification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        db.Notifications.Add(notification);
        if (notification.Status == NotificationStatus.Skipped)
            logger.NotificationSkipped(notification.Kind, notification.IdempotencyKey, notification.SkipReason);
        else
            logger.NotificationRequested(notification.Kind, notification.IdempotencyKey);
    }
}
