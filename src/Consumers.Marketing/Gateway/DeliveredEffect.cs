namespace Bus.Consumers.Marketing.Gateway;

/// <summary>
/// One call to the marketing platform, by idempotency key: claimed before the call, marked delivered after it succeeded.
/// A key that is delivered is never called again, even when its command arrives again after the inbox forgot it.
/// </summary>
public sealed class DeliveredEffect
{
    public required string IdempotencyKey { get; init; }

    public required string CustomerId { get; init; }

    /// <summary>Changes whenever a copy takes the claim, so two copies cannot both take it over.</summary>
    public Guid ClaimToken { get; set; }

    public DateTimeOffset ClaimedAt { get; set; }

    /// <summary>When the platform accepted the call; null while a copy holds the claim.</summary>
    public DateTimeOffset? DeliveredAt { get; set; }
}
