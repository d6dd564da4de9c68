using Bus.Contracts.Orders;
using Bus.Messaging.Idempotency;
using MassTransit;

namespace Bus.Consumers.Shipping.Shipments;

/// <summary>Command to the gateway: ask the shipping system to cancel the shipment of a cancelled order
/// (<c>POST /shipments/cancel</c>, this record is the JSON body).</summary>
[MessageUrn("Bus.Consumers.Shipping:CancelShipment")]
public sealed record CancelShipment
{
    public required string OrderId { get; init; }

    public required string CustomerId { get; init; }

    public string? OrderNumber { get; init; }

    /// <summary>The order's status before the cancellation, e.g. <c>PAID</c> or <c>SHIPPED</c>.</summary>
    public string? PreviousStatus { get; init; }

    /// <summary>When the order was cancelled (UTC).</summary>
    public required DateTimeOffset CancelledAt { get; init; }

    /// <summary><c>shipping-shipment-cancel:&lt;stream event id&gt;:OrderCancelled</c>, also sent as <c>Idempotency-Key</c>.</summary>
    public required string IdempotencyKey { get; init; }

    public long? ChangeVersion { get; init; }

    public required string ChangeSequence { get; init; }

    public const string Effect = "shipping-shipment-cancel";

    public static CancelShipment From(OrderCancelled order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return new()
        {
            OrderId = order.OrderId,
            CustomerId = order.CustomerId,
            OrderNumber = order.OrderNumber,
            PreviousStatus = order.PreviousStatus,
            CancelledAt = order.Change.ApproximateCreationTime.ToUniversalTime(),
            IdempotencyKey = EffectKeys.For(Effect, order),
            ChangeVersion = order.Change.ItemVersion,
            ChangeSequence = order.Change.SequenceNumber,
        };
    }
}
