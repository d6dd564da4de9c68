namespace Bus.Consumers.Notifications.Log;

/// <summary>What kind of notification was requested (stored as text).</summary>
public enum NotificationKind
{
    /// <summary>E-mail to the customer that the order shipped (<c>OrderShipped</c>).</summary>
    ShipmentEmail,

    /// <summary>SMS to the customer that the order was delivered (<c>OrderDelivered</c>).</summary>
    DeliverySms,

    /// <summary>Alert to purchasing that a product's stock is low (<c>LowStockDetected</c>).</summary>
    PurchasingAlert,
}
