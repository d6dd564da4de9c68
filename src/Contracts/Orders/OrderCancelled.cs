using MassTransit;

namespace Bus.Contracts.Orders;

/// <summary>
/// An order was cancelled: a modify of an Orders item whose <c>status</c> became
/// <see cref="OrderStatuses.Cancelled"/> (it was something else before).
/// </summary>
/// <remarks>
/// Published in addition to <see cref="OrderStatusChanged"/>. Removing an order item from the table is not a
/// cancellation and does not raise this event.
/// </remarks>
[MessageUrn("Bus.Contracts.Orders:OrderCancelled")]
[EntityName("Bus.Contracts.Orders:OrderCancelled")]
public sealed record OrderCancelled : IChangeEvent
{
    /// <inheritdoc/>
    public required ChangeMetadata Change { get; init; }

    /// <summary>The order's id: the table's partition key <c>orderId</c>.</summary>
    public required string OrderId { get; init; }

    /// <summary>Id of the customer who placed the order (<c>customerId</c>); see <c>Bus.Contracts.Customers</c>.</summary>
    public required string CustomerId { get; init; }

    /// <summary>The human-readable order number shown to the customer (<c>orderNumber</c>); null when the item has none.</summary>
    public string? OrderNumber { get; init; }

    /// <summary>
    /// The status before the cancellation, e.g. <see cref="OrderStatuses.Paid"/> when a paid order needs a refund,
    /// or <see cref="OrderStatuses.Shipped"/> when a shipment must be stopped; null when the item had no status.
    /// </summary>
    public string? PreviousStatus { get; init; }
}
