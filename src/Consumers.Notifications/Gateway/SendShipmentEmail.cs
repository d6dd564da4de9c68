using Bus.Contracts;

namespace Bus.Consumers.Notifications.Gateway;

/// <summary>Send the customer the e-mail that their order shipped. Sent by <c>OrderShippedEmailConsumer</c> to the
/// e-mail gateway; stays inside this service.</summary>
public sealed record SendShipmentEmail
{
    /// <summary><c>notifications-shipment-email:&lt;StreamEventId&gt;:OrderShipped</c>, the call's <c>Idempotency-Key</c>.</summary>
    public required string IdempotencyKey { get; init; }

    /// <summary>The source change's position.</summary>
    public required ChangeMetadata Change { get; init; }

    public required string CustomerId { get; init; }

    public required string OrderId { get; init; }

    public required string To { get; init; }

    public required string Subject { get; init; }

    public required string Text { get; init; }
}
