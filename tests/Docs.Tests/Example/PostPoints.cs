namespace Loyalty;

/// <summary>Command to the gateway, and the JSON body of <c>POST /points</c>: add (or, negative, take back) points.</summary>
public sealed record PostPoints
{
    public required string CustomerId { get; init; }

    public required string OrderId { get; init; }

    public required int Points { get; init; }

    /// <summary><c>&lt;effect&gt;:&lt;stream event id&gt;:&lt;event type&gt;</c>, also the call's <c>Idempotency-Key</c>.</summary>
    public required string IdempotencyKey { get; init; }
}
