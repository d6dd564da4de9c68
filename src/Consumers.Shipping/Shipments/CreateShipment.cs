using Bus.Contracts.Customers;
using Bus.Contracts.Orders;
using Bus.Messaging.Idempotency;
using MassTransit;

namespace Bus.Consumers.Shipping.Shipments;

/// <summary>
/// Command to the gateway: ask the shipping system to prepare a shipment for a placed order (<c>POST /shipments</c>, this
/// record is the JSON body), with the customer's address from the local address book when it is known.
/// </summary>
[MessageUrn("Bus.Consumers.Shipping:CreateShipment")]
public sealed record CreateShipment
{
    public required string OrderId { get; init; }

    public required string CustomerId { get; init; }

    public string? OrderNumber { get; init; }

    public required IReadOnlyList<OrderLine> Lines { get; init; }

    /// <summary>The customer's current address; null when the address book has none (unknown, removed or erased).</summary>
    public PostalAddress? Address { get; init; }

    /// <summary>When the order was placed (UTC).</summary>
    public required DateTimeOffset PlacedAt { get; init; }

    /// <summary><c>shipping-shipment:&lt;stream event id&gt;:OrderPlaced</c>, also sent as <c>Idempotency-Key</c>.</summary>
    public required string IdempotencyKey { get; init; }

    public long? ChangeVersion { get; init; }

    public required string ChangeSequence { get; init; }

    public const string Effect = "shipping-shipment";

    public static CreateShipment From(OrderPlaced order, PostalAddress? address)
    {
        ArgumentNullException.ThrowIfNull(order);
        return new()
        {
            OrderId = order.OrderId,
            CustomerId = order.CustomerId,
            OrderNumber = order.OrderNumber,
            Lines = order.Items,
            Address = address,
            PlacedAt = order.Change.ApproximateCreationTime.ToUniversalTime(),
            IdempotencyKey = EffectKeys.For(Effect, order),
            ChangeVersion = order.Change.ItemVersion,
            ChangeSequence = order.Change.SequenceNumber,
        };
    }
}
