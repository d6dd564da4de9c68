namespace Bus.Contracts.Orders;

/// <summary>
/// The order statuses the Orders table uses in its <c>status</c> attribute, for comparing against
/// <see cref="OrderPlaced.Status"/>, <see cref="OrderStatusChanged.Status"/> and the previous statuses.
/// </summary>
/// <remarks>
/// Status travels as a string, not an enum, so a status added to the table later is not a breaking change:
/// consumers must tolerate values not listed here (ignore or log them; never fail the message). Values are
/// upper case, exactly as stored; compare ordinally.
/// </remarks>
public static class OrderStatuses
{
    /// <summary><c>PLACED</c>: the order was created and awaits payment.</summary>
    public const string Placed = "PLACED";

    /// <summary><c>PAID</c>: payment was received.</summary>
    public const string Paid = "PAID";

    /// <summary><c>SHIPPED</c>: the order was handed to a carrier; raises <see cref="OrderShipped"/>.</summary>
    public const string Shipped = "SHIPPED";

    /// <summary><c>DELIVERED</c>: the carrier delivered the order; raises <see cref="OrderDelivered"/>.</summary>
    public const string Delivered = "DELIVERED";

    /// <summary><c>CANCELLED</c>: the order was cancelled; raises <see cref="OrderCancelled"/>.</summary>
    public const string Cancelled = "CANCELLED";
}
