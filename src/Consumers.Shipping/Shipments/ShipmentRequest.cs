using Bus.Contracts;
using Bus.Messaging.Idempotency;

namespace Bus.Consumers.Shipping.Shipments;

/// <summary>
/// What this service asked the shipping system to do for one order (table <c>ShipmentRequests</c>): create the shipment
/// once, on the order's insert, and cancel it once, on its cancellation.
/// </summary>
/// <remarks>
/// A cancellation that arrives before the placement (Kinesis order, redelivery) is recorded without a command: nothing was
/// requested yet, and the placement arriving after it finds the row and requests nothing either.
/// </remarks>
public sealed class ShipmentRequest
{
    public required string OrderId { get; init; }

    public required string CustomerId { get; init; }

    /// <summary>A <c>CreateShipment</c> command was sent.</summary>
    public bool Requested { get; private set; }

    /// <summary>The order was cancelled (a <c>CancelShipment</c> was sent when <see cref="Requested"/>).</summary>
    public bool Cancelled { get; private set; }

    public long? LastVersion { get; private set; }

    public string? LastSequence { get; private set; }

    /// <summary>Concurrency token: a placement and a cancellation consumed at once conflict and one is retried.</summary>
    public int Revision { get; private set; }

    public static ShipmentRequest Placed(string orderId, string customerId, ChangeMetadata change)
    {
        var request = new ShipmentRequest { OrderId = orderId, CustomerId = customerId, Requested = true };
        request.MoveTo(change);
        return request;
    }

    public static ShipmentRequest CancelledBeforePlacement(string orderId, string customerId, ChangeMetadata change)
    {
        var request = new ShipmentRequest { OrderId = orderId, CustomerId = customerId, Cancelled = true };
        request.MoveTo(change);
        return request;
    }

    /// <summary>Marks the requested shipment cancelled, unless it was not requested, is cancelled already, or the change
    /// is not newer than the placement.</summary>
    /// <returns>Whether a <c>CancelShipment</c> must be sent.</returns>
    public bool TryCancel(ChangeMetadata change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (!Requested || Cancelled || !ChangeOrdering.IsNewer(change, LastVersion, LastSequence))
        {
            return false;
        }

        Cancelled = true;
        MoveTo(change);
        return true;
    }

    private void MoveTo(ChangeMetadata change)
    {
        ArgumentNullException.ThrowIfNull(change);
        LastVersion = change.ItemVersion;
        LastSequence = change.SequenceNumber;
        Revision++;
    }
}
