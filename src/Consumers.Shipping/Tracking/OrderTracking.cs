using Bus.Contracts;
using Bus.Messaging.Idempotency;

namespace Bus.Consumers.Shipping.Tracking;

/// <summary>
/// The order-tracking read model (table <c>OrderTracking</c>): one row per order, kept from the order events so that its
/// final state is the Orders item's final state whatever order the events arrive in.
/// </summary>
/// <remarks>
/// Two concerns keep their own position, because different events set them and one change raises several events with
/// equal positions: the <b>status</b> (with order number, customer and <see cref="UpdatedAt"/>) moves with every order
/// event, the <b>shipment details</b> (tracking number, carrier, estimated delivery) only with <c>OrderShipped</c>. Had they
/// shared one position, <c>OrderStatusChanged</c> applied first would make the <c>OrderShipped</c> of the same change look
/// like a duplicate and lose the tracking number. <see cref="PlacedAt"/> is set by <c>OrderPlaced</c> alone, whenever it
/// arrives.
/// </remarks>
public sealed class OrderTracking
{
    public required string OrderId { get; init; }

    public required string CustomerId { get; set; }

    public string? OrderNumber { get; private set; }

    /// <summary>Every order event carries or implies a status, so the first event applied sets it.</summary>
    public string? Status { get; private set; }

    public string? TrackingNumber { get; private set; }

    public string? Carrier { get; private set; }

    public DateOnly? EstimatedDelivery { get; private set; }

    /// <summary>Change time of the insert (<c>OrderPlaced</c>); null until that event arrived.</summary>
    public DateTimeOffset? PlacedAt { get; private set; }

    /// <summary>Change time of the newest status change applied.</summary>
    public DateTimeOffset? UpdatedAt { get; private set; }

    public long? StatusVersion { get; private set; }

    public string? StatusSequence { get; private set; }

    public long? ShipmentVersion { get; private set; }

    public string? ShipmentSequence { get; private set; }

    /// <summary>Concurrency token: two events of one order consumed at once conflict and one is retried.</summary>
    public int Revision { get; private set; }

    /// <summary>Records when the order was placed (the insert's change time); true when it was not known yet.</summary>
    public bool RecordPlacement(ChangeMetadata change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (PlacedAt is not null)
        {
            return false;
        }

        PlacedAt = change.ApproximateCreationTime.ToUniversalTime();
        Revision++;
        return true;
    }

    /// <summary>Applies a status when the change is newer than the last status applied.</summary>
    public bool ApplyStatus(ChangeMetadata change, string customerId, string? orderNumber, string status)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (!ChangeOrdering.IsNewer(change, StatusVersion, StatusSequence))
        {
            return false;
        }

        CustomerId = customerId;
        OrderNumber = orderNumber;
        Status = status;
        UpdatedAt = change.ApproximateCreationTime.ToUniversalTime();
        StatusVersion = change.ItemVersion;
        StatusSequence = change.SequenceNumber;
        Revision++;
        return true;
    }

    /// <summary>Applies the shipment details when the change is newer than the last shipment details applied.</summary>
    public bool ApplyShipment(ChangeMetadata change, string? trackingNumber, string? carrier, DateOnly? estimatedDelivery)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (!ChangeOrdering.IsNewer(change, ShipmentVersion, ShipmentSequence))
        {
            return false;
        }

        TrackingNumber = trackingNumber;
        Carrier = carrier;
        EstimatedDelivery = estimatedDelivery;
        ShipmentVersion = change.ItemVersion;
        ShipmentSequence = change.SequenceNumber;
        Revision++;
        return true;
    }
}
