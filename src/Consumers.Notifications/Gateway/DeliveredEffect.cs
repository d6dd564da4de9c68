namespace Bus.Consumers.Notifications.Gateway;

/// <summary>An external call that succeeded, by idempotency key (unique): the gateway never makes it again.</summary>
public sealed class DeliveredEffect
{
    public required string IdempotencyKey { get; init; }

    /// <summary>The external system called (<c>Email</c>, <c>Sms</c>, <c>Purchasing</c>).</summary>
    public required string ExternalSystem { get; init; }

    public required DateTimeOffset DeliveredAt { get; init; }
}
