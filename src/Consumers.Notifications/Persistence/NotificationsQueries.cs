using Bus.Consumers.Notifications.Contacts;
using Bus.Consumers.Notifications.Log;
using Microsoft.EntityFrameworkCore;

namespace Bus.Consumers.Notifications.Persistence;

/// <summary>
/// The reads Notifications runs for every message, compiled once per model (<see cref="Bus.Messaging.Persistence.CompiledQueries"/>
/// says why). <see cref="Contact"/> replaces <c>FindAsync</c>, which builds and compiles a key query on every call; unlike it, it
/// does not look at the change tracker first, which holds nothing yet where it runs (each message starts with an empty
/// context, and the inbox/outbox clears it after every transaction).
/// </summary>
internal sealed class NotificationsQueries
{
    /// <summary>The customer's contact copy, tracked; null when there is none.</summary>
    public Func<NotificationsDbContext, string, CancellationToken, Task<NotificationContact?>> Contact { get; } =
        EF.CompileAsyncQuery((NotificationsDbContext db, string customerId, CancellationToken cancellationToken) =>
            db.Contacts.SingleOrDefault(x => x.CustomerId == customerId));

    /// <summary>Whether the effect with this idempotency key was delivered.</summary>
    public Func<NotificationsDbContext, string, CancellationToken, Task<bool>> IsDelivered { get; } =
        EF.CompileAsyncQuery((NotificationsDbContext db, string idempotencyKey, CancellationToken cancellationToken) =>
            db.DeliveredEffects.Any(x => x.IdempotencyKey == idempotencyKey));

    /// <summary>The notifications under this idempotency key, and those of the same kind for the same entity.</summary>
    public Func<NotificationsDbContext, string, NotificationKind, string, IAsyncEnumerable<EarlierNotification>> Earlier { get; } =
        EF.CompileAsyncQuery((NotificationsDbContext db, string idempotencyKey, NotificationKind kind, string entityKey) => db.Notifications
            .Where(n => n.IdempotencyKey == idempotencyKey || (n.Kind == kind && n.EntityKey == entityKey))
            .Select(n => new EarlierNotification(n.IdempotencyKey, n.SourceVersion, n.SourceSequence)));
}

/// <summary>What <see cref="NotificationsQueries.Earlier"/> reads of a notification.</summary>
internal sealed record EarlierNotification(string IdempotencyKey, long? SourceVersion, string SourceSequence);
