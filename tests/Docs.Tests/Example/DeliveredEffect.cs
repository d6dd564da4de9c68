namespace Loyalty;

/// <summary>A call the loyalty platform accepted, keyed by its idempotency key.</summary>
public sealed class DeliveredEffect
{
    public required string IdempotencyKey { get; init; }

    public required DateTimeOffset DeliveredAt { get; init; }
}
