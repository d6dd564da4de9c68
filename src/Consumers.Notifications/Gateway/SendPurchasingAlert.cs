using Bus.Contracts;

namespace Bus.Consumers.Notifications.Gateway;

/// <summary>Alert purchasing that a product's stock is low. Sent by <c>LowStockAlertConsumer</c> to the purchasing
/// gateway; stays inside this service.</summary>
public sealed record SendPurchasingAlert
{
    /// <summary><c>notifications-purchasing-alert:&lt;StreamEventId&gt;:LowStockDetected</c>, the call's <c>Idempotency-Key</c>.</summary>
    public required string IdempotencyKey { get; init; }

    /// <summary>The source change's position.</summary>
    public required ChangeMetadata Change { get; init; }

    public required string ProductId { get; init; }

    public string? Sku { get; init; }

    public string? Name { get; init; }

    public required long Quantity { get; init; }

    public required long Threshold { get; init; }

    public required long SuggestedOrderQuantity { get; init; }
}
