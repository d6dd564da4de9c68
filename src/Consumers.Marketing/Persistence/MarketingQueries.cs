using Bus.Consumers.Marketing.Contacts;
using Bus.Consumers.Marketing.Gateway;
using Microsoft.EntityFrameworkCore;

namespace Bus.Consumers.Marketing.Persistence;

/// <summary>
/// The queries Marketing runs for every message, compiled once per model (<see cref="Bus.Messaging.Persistence.CompiledQueries"/>
/// says why). bench/WolverinePeer's handlers run them too, on the same DbContext.
/// </summary>
internal sealed class MarketingQueries
{
    /// <summary>The customer's contact, tracked; null when there is none.</summary>
    public Func<MarketingDbContext, string, CancellationToken, Task<MarketingContact?>> Contact { get; } =
        EF.CompileAsyncQuery((MarketingDbContext db, string customerId, CancellationToken cancellationToken) =>
            db.Set<MarketingContact>().SingleOrDefault(x => x.CustomerId == customerId));

    /// <summary>Whether the customer's contact was erased.</summary>
    public Func<MarketingDbContext, string, CancellationToken, Task<bool>> IsErased { get; } =
        EF.CompileAsyncQuery((MarketingDbContext db, string customerId, CancellationToken cancellationToken) =>
            db.Set<MarketingContact>().Any(x => x.CustomerId == customerId && x.Erased));

    /// <summary>The ledger's row for an idempotency key, not tracked; null when there is none.</summary>
    public Func<MarketingDbContext, string, CancellationToken, Task<DeliveredEffect?>> Effect { get; } =
        EF.CompileAsyncQuery((MarketingDbContext db, string key, CancellationToken cancellationToken) =>
            db.Set<DeliveredEffect>().AsNoTracking().SingleOrDefault(x => x.IdempotencyKey == key));
}
