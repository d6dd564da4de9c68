using Bus.Contracts;

namespace Bus.Consumers.Notifications.Gateway;

/// <summary>Send the customer the SMS that their order was delivered. Sent by <c>OrderDeliveredSmsConsumer</c> to the
/// SMS gateway; stays inside this service.</summary>
public sealed record SendDeliverySms
{
    /// <summary><c>notifications-delivery-sms:&lt;StreamEventId&gt;:OrderDelivered</c>, the call's <c>Idempotency-Key</c>.</summary>
    public required string IdempotencyKey { get; init; }

    /// <summary>The source change's position.</summary>
    public required ChangeMetadata Change { get; init; }

    public required string CustomerId { get; init; }

    public required string OrderId { get; init; }

    public required string To { get; init; }

    public required string Text { get; init; }
}
