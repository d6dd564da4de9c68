namespace Bus.FaultInjection.Tests;

/// <summary>An order item's final state in the generated table.</summary>
public sealed record OrderState(string OrderId, string CustomerId, string OrderNumber, string Status, string? TrackingNumber, string? Carrier,
    DateOnly? EstimatedDelivery);
