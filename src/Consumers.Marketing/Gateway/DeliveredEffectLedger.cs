using Bus.Consumers.Marketing.Persistence;
using Bus.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bus.Consumers.Marketing.Gateway;

/// <summary>
/// Makes each call to the marketing platform happen once per idempotency key, across copies of a command, instances of
/// the service and the inbox's window. Each step is its own short write: the HTTP call happens between them, never
/// inside a database transaction.
/// </summary>
public sealed class DeliveredEffectLedger(MarketingDbContext db, TimeProvider time, IOptions<MarketingOptions> options)
{
    /// <summary>
    /// Claims the effect, makes the call and records it. False when the effect was delivered already; a failed call gives the
    /// claim back and its exception goes to the caller (MassTransit's retry, or the error queue).
    /// </summary>
    public async Task<bool> Deliver(string key, string customerId, Func<CancellationToken, Task> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var token = await ClaimWhenFree(key, customerId, cancellationToken);
        if (token is null)
        {
            return false;
        }

        try
        {
            await call(cancellationToken);
        }
        catch
        {
            await Release(key, token.Value);
            throw;
        }

        // Not cancellable: the call was made, and an unrecorded call is repeated (same key) once the claim expires.
        await MarkDelivered(key, token.Value, CancellationToken.None);
        return true;
    }

    /// <summary>
    /// Claims the effect, waiting while another copy holds a fresh claim: until that copy records its call (null: delivered
    /// already) or the claim expires (taken over). A fresh claim belongs to a copy calling right now, or to one that died
    /// between its claim and the record of its call (killed, or the database restarted while it recorded): only the
    /// claim's age tells them apart, so the wait lasts as long as a claim may. Failing at once instead would leave the
    /// command to the endpoint's retries, which are over long before a claim expires, and then to the error queue, with
    /// the effect possibly never made.
    /// </summary>
    public async Task<Guid?> ClaimWhenFree(string key, string customerId, CancellationToken cancellationToken)
    {
        var timeout = options.Value.EffectClaimTimeout;
        var giveUp = time.GetUtcNow() + timeout + timeout;
        var poll = TimeSpan.FromTicks(Math.Min(timeout.Ticks / 10, TimeSpan.FromSeconds(5).Ticks));
        while (true)
        {
            try
            {
                return await TryClaim(key, customerId, cancellationToken);
            }
            catch (EffectInProgressException) when (time.GetUtcNow() < giveUp)
            {
                await Task.Delay(poll, time, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Claims the effect for this copy and returns the claim's token; null when it was delivered already. The claim is
    /// inserted first: a new key, the common case, costs one statement; only when the key exists is its row read.
    /// </summary>
    /// <exception cref="EffectInProgressException">Another copy holds a claim that has not expired.</exception>
    public async Task<Guid?> TryClaim(string key, string customerId, CancellationToken cancellationToken)
    {
        var token = Guid.NewGuid();
        var now = time.GetUtcNow();
        db.DeliveredEffects.Add(new DeliveredEffect { IdempotencyKey = key, CustomerId = customerId, ClaimToken = token, ClaimedAt = now });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return token;
        }
        catch (DbUpdateException)
        {
            // The key exists (or a copy inserted it at the same moment): decide from its row.
            db.ChangeTracker.Clear();
        }

        var existing = await CompiledQueries.For<MarketingQueries>(db).Effect(db, key, cancellationToken)
            ?? throw new EffectInProgressException($"Effect {key} was claimed by another copy first, and its claim was given back");
        if (existing.DeliveredAt is not null)
        {
            return null;
        }

        if (now - existing.ClaimedAt < options.Value.EffectClaimTimeout)
        {
            throw new EffectInProgressException($"Effect {key} is claimed by another copy since {existing.ClaimedAt:O}");
        }

        var taken = await db.DeliveredEffects
            .Where(x => x.IdempotencyKey == key && x.ClaimToken == existing.ClaimToken && x.DeliveredAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.ClaimToken, token).SetProperty(x => x.ClaimedAt, now), cancellationToken);
        return taken == 1 ? token : throw new EffectInProgressException($"Effect {key} was taken over by another copy");
    }

    /// <summary>Records that the platform accepted the call.</summary>
    public Task MarkDelivered(string key, Guid token, CancellationToken cancellationToken) =>
        db.DeliveredEffects
            .Where(x => x.IdempotencyKey == key && x.ClaimToken == token)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.DeliveredAt, time.GetUtcNow()), cancellationToken);

    /// <summary>Gives the claim up after a failed call, so the next attempt (or copy) may make it at once.</summary>
    public Task Release(string key, Guid token) =>
        db.DeliveredEffects
            .Where(x => x.IdempotencyKey == key && x.ClaimToken == token && x.DeliveredAt == null)
            .ExecuteDeleteAsync(CancellationToken.None);
}
