using Bus.Consumers.Notifications.Diagnostics;
using Bus.Consumers.Notifications.Persistence;
using Bus.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bus.Consumers.Notifications.Gateway;

/// <summary>
/// The gateways' record of delivered effects. A command is checked before the call and recorded after it succeeded,
/// outside any transaction around the call. Two copies of one command handled at the very same moment (an outbox
/// redelivery after a crash) could both call; the external system drops the second by its <c>Idempotency-Key</c>.
/// </summary>
public sealed class EffectLedger(NotificationsDbContext db, TimeProvider time, ILogger<EffectLedger> logger)
{
    public async Task<bool> WasDeliveredAsync(string idempotencyKey, string externalSystem, CancellationToken cancellationToken)
    {
        var delivered = await CompiledQueries.For<NotificationsQueries>(db).IsDelivered(db, idempotencyKey, cancellationToken);
        if (delivered)
            logger.EffectAlreadyDelivered(externalSystem, idempotencyKey);
        return delivered;
    }

    public async Task RecordAsync(string idempotencyKey, string externalSystem, CancellationToken cancellationToken)
    {
        db.DeliveredEffects.Add(new DeliveredEffect { IdempotencyKey = idempotencyKey, ExternalSystem = externalSystem, DeliveredAt = time.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A concurrent copy may have recorded it first: then the effect is recorded once either way.
            if (!await WasDeliveredAsync(idempotencyKey, externalSystem, cancellationToken))
                throw;
        }

        logger.EffectDelivered(externalSystem, idempotencyKey);
    }
}
