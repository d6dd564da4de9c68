using System.Globalization;
using Bus.Contracts.Orders;

namespace Bus.Consumers.Notifications.Orders;

/// <summary>The texts customers receive. Pure functions, so the exact wording is tested without a bus.</summary>
public static class CustomerMessages
{
    public static string ShipmentSubject(OrderShipped shipped)
    {
        ArgumentNullException.ThrowIfNull(shipped);
        return $"Your order {shipped.OrderNumber ?? shipped.OrderId} has shipped";
    }

    public static string ShipmentText(OrderShipped shipped, string? name)
    {
        ArgumentNullException.ThrowIfNull(shipped);
        var delivery = shipped.EstimatedDelivery?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "not known yet";
        return $"""
            Hello {name ?? "there"},

            your order {shipped.OrderNumber ?? shipped.OrderId} is on its way.
            Carrier: {shipped.Carrier ?? "not known yet"}
            Tracking number: {shipped.TrackingNumber ?? "not available yet"}
            Estimated delivery: {delivery}
            """;
    }

    public static string DeliveryText(OrderDelivered delivered)
    {
        ArgumentNullException.ThrowIfNull(delivered);
        return $"Your order {delivered.OrderNumber ?? delivered.OrderId} has been delivered. Thank you for your order!";
    }
}
