using Bus.Consumers.Shipping.Hosting;
using Bus.Consumers.Shipping.Persistence;
using Bus.Contracts;
using Bus.Messaging.Persistence;

namespace Bus.Consumers.Shipping.Tracking;

/// <summary>Loads (or starts) an order's tracking row, applies one event to it and saves it when anything changed.</summary>
public sealed class OrderTrackingProjection(ShippingDbContext db, ILogger<OrderTrackingProjection> logger)
{
    /// <param name="message">The event.</param>
    /// <param name="orderId">The order it concerns.</param>
    /// <param name="customerId">The order's customer, for a row this event starts.</param>
    /// <param name="apply">Applies the event; false when nothing changed (stale or duplicate).</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    public async Task Apply<T>(T message, string orderId, string customerId, Func<OrderTracking, T, bool> apply, CancellationToken cancellationToken)
        where T : class, IChangeEvent
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(apply);
        var row = await CompiledQueries.For<ShippingQueries>(db).Tracking(db, orderId, cancellationToken)
            ?? db.OrderTracking.Add(new OrderTracking { OrderId = orderId, CustomerId = customerId }).Entity;
        if (!apply(row, message))
        {
            ShippingLog.StaleChangeIgnored(logger, typeof(T).Name, orderId, message.Change.SequenceNumber, message.Change.ItemVersion);
            return;
        }

        await db.SaveChangesAsync(cancellationToken);
        ShippingLog.TrackingProjected(logger, typeof(T).Name, orderId);
    }

    public async Task<OrderTrackingView?> Find(string orderId, CancellationToken cancellationToken)
    {
        var row = await CompiledQueries.For<ShippingQueries>(db).Tracking(db, orderId, cancellationToken);
        return row is null ? null : OrderTrackingView.From(row);
    }
}
