namespace Bus.Consumers.Notifications.Gateway;

/// <summary>Body of <c>POST /alerts</c> on the purchasing system.</summary>
public sealed record PurchasingAlertRequest(string ProductId, string? Sku, string? Name, long Quantity, long Threshold, long SuggestedOrderQuantity);
