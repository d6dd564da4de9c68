using MassTransit;

namespace Bus.Contracts.Orders;

/// <summary>
/// An order was shipped: a modify of an Orders item whose <c>status</c> became <see cref="OrderStatuses.Shipped"/>
/// (it was something else before).
/// </summary>
/// <remarks>
/// Published in addition to <see cref="OrderStatusChanged"/>. Shipping details are taken from the new image; a
/// later change of only the tracking details does not raise this event again.
/// </remarks>
[MessageUrn("Bus.Contracts.Orders:OrderShipped")]
[EntityName("Bus.Contracts.Orders:OrderShipped")]
public sealed record OrderShipped : IChangeEvent
{
    /// <inheritdoc/>
    public required ChangeMetadata Change { get; init; }

    /// <summary>The order's id: the table's partition key <c>orderId</c>.</summary>
    public required string OrderId { get; init; }

    /// <summary>Id of the customer who placed the order (<c>customerId</c>); see <c>Bus.Contracts.Customers</c>.</summary>
    public required string CustomerId { get; init; }

    /// <summary>The human-readable order number shown to the customer (<c>orderNumber</c>); null when the item has none.</summary>
    public string? OrderNumber { get; init; }

    /// <summary>The carrier's tracking number (<c>trackingNumber</c>); null when the item has none.</summary>
    public string? TrackingNumber { get; init; }

    /// <summary>The carrier's name or code as stored (<c>carrier</c>); null when the item has none.</summary>
    public string? Carrier { get; init; }

    /// <summary>
    /// The estimated delivery date (<c>estimatedDelivery</c>, an ISO 8601 date such as <c>2025-03-14</c>), a
    /// calendar date without time zone; null when the item has none.
    /// </summary>
    public DateOnly? EstimatedDelivery { get; init; }
}
