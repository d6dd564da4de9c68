using MassTransit;

namespace Bus.Contracts.Orders;

/// <summary>
/// An order was delivered: a modify of an Orders item whose <c>status</c> became
/// <see cref="OrderStatuses.Delivered"/> (it was something else before).
/// </summary>
/// <remarks>Published in addition to <see cref="OrderStatusChanged"/>.</remarks>
[MessageUrn("Bus.Contracts.Orders:OrderDelivered")]
[EntityName("Bus.Contracts.Orders:OrderDelivered")]
public sealed record OrderDelivered : IChangeEvent
{
    /// <inheritdoc/>
    public required ChangeMetadata Change { get; init; }

    /// <summary>The order's id: the table's partition key <c>orderId</c>.</summary>
    public required string OrderId { get; init; }

    /// <summary>Id of the customer who placed the order (<c>customerId</c>); see <c>Bus.Contracts.Customers</c>.</summary>
    public required string CustomerId { get; init; }

    /// <summary>The human-readable order number shown to the customer (<c>orderNumber</c>); null when the item has none.</summary>
    public string? OrderNumber { get; init; }
}
