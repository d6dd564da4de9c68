using Bus.Contracts.Orders;
using MassTransit;

namespace Bus.Consumers.Shipping.Tracking;

/// <summary>Projects the order events onto the order-tracking read model; see <see cref="OrderTracking"/> for the ordering rules.</summary>
public sealed class ShippingOrderTrackingConsumer(OrderTrackingProjection projection)
    : IConsumer<OrderPlaced>, IConsumer<OrderStatusChanged>, IConsumer<OrderShipped>, IConsumer<OrderDelivered>, IConsumer<OrderCancelled>
{
    // Non-short-circuiting '|': an event may move more than one concern of the row.
    public Task Consume(ConsumeContext<OrderPlaced> context) => projection.Apply(context.Message, context.Message.OrderId, context.Message.CustomerId,
        (row, m) => row.RecordPlacement(m.Change) | row.ApplyStatus(m.Change, m.CustomerId, m.OrderNumber, m.Status), context.CancellationToken);

    public Task Consume(ConsumeContext<OrderStatusChanged> context) => projection.Apply(context.Message, context.Message.OrderId, context.Message.CustomerId,
        (row, m) => row.ApplyStatus(m.Change, m.CustomerId, m.OrderNumber, m.Status), context.CancellationToken);

    public Task Consume(ConsumeContext<OrderShipped> context) => projection.Apply(context.Message, context.Message.OrderId, context.Message.CustomerId,
        (row, m) => row.ApplyStatus(m.Change, m.CustomerId, m.OrderNumber, OrderStatuses.Shipped)
            | row.ApplyShipment(m.Change, m.TrackingNumber, m.Carrier, m.EstimatedDelivery), context.CancellationToken);

    public Task Consume(ConsumeContext<OrderDelivered> context) => projection.Apply(context.Message, context.Message.OrderId, context.Message.CustomerId,
        (row, m) => row.ApplyStatus(m.Change, m.CustomerId, m.OrderNumber, OrderStatuses.Delivered), context.CancellationToken);

    public Task Consume(ConsumeContext<OrderCancelled> context) => projection.Apply(context.Message, context.Message.OrderId, context.Message.CustomerId,
        (row, m) => row.ApplyStatus(m.Change, m.CustomerId, m.OrderNumber, OrderStatuses.Cancelled), context.CancellationToken);
}
