using MassTransit;

namespace Bus.Contracts.Orders;

/// <summary>
/// An order's status changed: a modify of an Orders item whose <c>status</c> attribute differs between the old and
/// the new image.
/// </summary>
/// <remarks>
/// Published for every status change, including those that also raise <see cref="OrderShipped"/>,
/// <see cref="OrderDelivered"/> or <see cref="OrderCancelled"/>, so a consumer that tracks the status needs only
/// this event. <see cref="Status"/> may be a value not listed in <see cref="OrderStatuses"/>.
/// </remarks>
[MessageUrn("Bus.Contracts.Orders:OrderStatusChanged")]
[EntityName("Bus.Contracts.Orders:OrderStatusChanged")]
public sealed record OrderStatusChanged : IChangeEvent
{
    /// <inheritdoc/>
    public required ChangeMetadata Change { get; init; }

    /// <summary>The order's id: the table's partition key <c>orderId</c>.</summary>
    public required string OrderId { get; init; }

    /// <summary>Id of the customer who placed the order (<c>customerId</c>); see <c>Bus.Contracts.Customers</c>.</summary>
    public required string CustomerId { get; init; }

    /// <summary>The human-readable order number shown to the customer (<c>orderNumber</c>); null when the item has none.</summary>
    public string? OrderNumber { get; init; }

    /// <summary>The status before the change; null when the item had no status.</summary>
    public string? PreviousStatus { get; init; }

    /// <summary>The status after the change (<c>status</c>); see <see cref="OrderStatuses"/>.</summary>
    public required string Status { get; init; }
}
