using Bus.Consumers.Shipping.Hosting;
using Bus.Consumers.Shipping.Persistence;
using Bus.Messaging.Gateway;
using Bus.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bus.Consumers.Shipping.Gateway;

/// <summary>
/// Performs one call to the shipping system at most once per idempotency key: a key recorded in <c>DeliveredEffects</c> is
/// skipped, a successful call is recorded. The call happens outside any database transaction; a crash between the call and
/// the record repeats the call with the same <c>Idempotency-Key</c>, which the shipping system drops.
/// </summary>
public sealed class ShippingSystemGateway(
    ShippingDbContext db,
    [FromKeyedServices(ShippingSystem.Name)] WebhookClient client,
    TimeProvider time,
    ILogger<ShippingSystemGateway> logger)
{
    public async Task DeliverOnce<T>(string path, T payload, string idempotencyKey, CancellationToken cancellationToken)
    {
        if (await IsDelivered(idempotencyKey, cancellationToken))
        {
            ShippingLog.EffectAlreadyDelivered(logger, idempotencyKey);
            return;
        }

        await client.PostAsync(path, payload, idempotencyKey, cancellationToken);
        var effect = db.DeliveredEffects.Add(new DeliveredEffect { IdempotencyKey = idempotencyKey, Path = path, DeliveredAt = time.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            if (!await RecordedByAnother(effect.Entity, cancellationToken))
                throw;

            ShippingLog.EffectAlreadyDelivered(logger, idempotencyKey);
            return;
        }

        ShippingLog.EffectDelivered(logger, idempotencyKey, path);
    }

    private Task<bool> IsDelivered(string idempotencyKey, CancellationToken cancellationToken) =>
        CompiledQueries.For<ShippingQueries>(db).IsDelivered(db, idempotencyKey, cancellationToken);

    // Another instance delivered the same command at the same time (the outbox sent it twice): its row stands.
    private async Task<bool> RecordedByAnother(DeliveredEffect effect, CancellationToken cancellationToken)
    {
        db.Entry(effect).State = EntityState.Detached;
        return await IsDelivered(effect.IdempotencyKey, cancellationToken);
    }
}
