using Bus.Consumers.Shipping.Addresses;
using Bus.Consumers.Shipping.Shipments;
using Bus.Consumers.Shipping.Tracking;
using Microsoft.EntityFrameworkCore;

namespace Bus.Consumers.Shipping.Persistence;

/// <summary>
/// The reads Shipping runs for every message, compiled once per model (<see cref="Bus.Messaging.Persistence.CompiledQueries"/>
/// says why). They replace <c>FindAsync</c>, which builds and compiles a key query on every call; unlike it they do not
/// look at the change tracker first, which holds nothing yet where they run (each message starts with an empty context,
/// and the inbox/outbox clears it after every transaction).
/// </summary>
internal sealed class ShippingQueries
{
    /// <summary>The customer's address book entry, tracked; null when there is none.</summary>
    public Func<ShippingDbContext, string, CancellationToken, Task<ShippingAddress?>> Address { get; } =
        EF.CompileAsyncQuery((ShippingDbContext db, string customerId, CancellationToken cancellationToken) =>
            db.ShippingAddresses.SingleOrDefault(x => x.CustomerId == customerId));

    /// <summary>The order's shipment request, tracked; null when there is none.</summary>
    public Func<ShippingDbContext, string, CancellationToken, Task<ShipmentRequest?>> ShipmentRequest { get; } =
        EF.CompileAsyncQuery((ShippingDbContext db, string orderId, CancellationToken cancellationToken) =>
            db.ShipmentRequests.SingleOrDefault(x => x.OrderId == orderId));

    /// <summary>The order's tracking row, tracked; null when there is none.</summary>
    public Func<ShippingDbContext, string, CancellationToken, Task<OrderTracking?>> Tracking { get; } =
        EF.CompileAsyncQuery((ShippingDbContext db, string orderId, CancellationToken cancellationToken) =>
            db.OrderTracking.SingleOrDefault(x => x.OrderId == orderId));

    /// <summary>Whether the effect with this idempotency key was delivered.</summary>
    public Func<ShippingDbContext, string, CancellationToken, Task<bool>> IsDelivered { get; } =
        EF.CompileAsyncQuery((ShippingDbContext db, string idempotencyKey, CancellationToken cancellationToken) =>
            db.DeliveredEffects.Any(x => x.IdempotencyKey == idempotencyKey));
}
