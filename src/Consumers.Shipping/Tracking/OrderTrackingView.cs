namespace Bus.Consumers.Shipping.Tracking;

/// <summary>The JSON of <c>GET /orders/{orderId}</c>: the read model's row without its bookkeeping columns.</summary>
public sealed record OrderTrackingView(
    string OrderId,
    string CustomerId,
    string? OrderNumber,
    string? Status,
    string? TrackingNumber,
    string? Carrier,
    DateOnly? EstimatedDelivery,
    DateTimeOffset? PlacedAt,
    DateTimeOffset? UpdatedAt)
{
    public static OrderTrackingView From(OrderTracking row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new(row.OrderId, row.CustomerId, row.OrderNumber, row.Status, row.TrackingNumber, row.Carrier,
            row.EstimatedDelivery, row.PlacedAt, row.UpdatedAt);
    }
}
