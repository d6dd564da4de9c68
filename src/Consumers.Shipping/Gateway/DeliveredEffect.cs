namespace Bus.Consumers.Shipping.Gateway;

/// <summary>An external call that succeeded (table <c>DeliveredEffects</c>, keyed by its idempotency key), so a command
/// delivered again, even after its inbox row expired, is not sent again.</summary>
public sealed class DeliveredEffect
{
    public required string IdempotencyKey { get; init; }

    /// <summary>The request path, e.g. <c>/shipments</c>.</summary>
    public required string Path { get; init; }

    public required DateTimeOffset DeliveredAt { get; init; }
}
