using MassTransit;

namespace Bus.Contracts.Orders;

/// <summary>
/// An order was placed: an item was inserted into the Orders table.
/// </summary>
/// <remarks>
/// The insert raises only this event, not <see cref="OrderStatusChanged"/>; its initial status is in
/// <see cref="Status"/>. Later status changes arrive as <see cref="OrderStatusChanged"/> and the specific
/// <see cref="OrderShipped"/>, <see cref="OrderDelivered"/> and <see cref="OrderCancelled"/>.
/// </remarks>
[MessageUrn("Bus.Contracts.Orders:OrderPlaced")]
[EntityName("Bus.Contracts.Orders:OrderPlaced")]
public sealed record OrderPlaced : IChangeEvent
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
    /// The order's initial status (<c>status</c>), usually <see cref="OrderStatuses.Placed"/>; see
    /// <see cref="OrderStatuses"/> for known values, and expect others.
    /// </summary>
    public required string Status { get; init; }

    /// <summary>
    /// The order total (<c>total</c>), exactly as stored, in the order's currency (the table records no currency;
    /// the same unit as <see cref="OrderLine.UnitPrice"/>).
    /// </summary>
    public required decimal Total { get; init; }

    /// <summary>The order lines (<c>items</c>), in stored order; empty when the item has no lines.</summary>
    public required IReadOnlyList<OrderLine> Items { get; init; }
}
