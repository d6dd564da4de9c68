using Bus.Contracts;

namespace Bus.Consumers.Notifications.Log;

/// <summary>
/// One notification the service decided on, requested or skipped: ids and positions only, never an address or a
/// message text. Unique on <see cref="IdempotencyKey"/>, so an effect happens once per source event even after the
/// inbox has forgotten the message; its position makes later, older events of the same entity and kind stale.
/// </summary>
public sealed class Notification
{
    public long Id { get; init; }

    /// <summary><c>EffectKeys.For(effect, source)</c>: also the <c>Idempotency-Key</c> of the external call.</summary>
    public required string IdempotencyKey { get; init; }

    public required NotificationKind Kind { get; init; }

    public required NotificationStatus Status { get; init; }

    /// <summary>Why nothing was sent, for <see cref="NotificationStatus.Skipped"/>: <c>erased</c>, <c>no-email</c>, <c>no-phone</c>.</summary>
    public string? SkipReason { get; init; }

    /// <summary>The source event's entity (<see cref="ChangeMetadata.EntityKey"/>), e.g. <c>orderId=O-1</c>.</summary>
    public required string EntityKey { get; init; }

    public string? CustomerId { get; init; }

    public string? OrderId { get; init; }

    public string? ProductId { get; init; }

    public long? SourceVersion { get; init; }

    public required string SourceSequence { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>A log entry for <paramref name="source"/>: requested, or skipped when <paramref name="skipReason"/> is given.</summary>
    public static Notification For(NotificationKind kind, IChangeEvent source, string idempotencyKey, DateTimeOffset now,
        string? customerId = null, string? orderId = null, string? productId = null, string? skipReason = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new Notification
        {
            IdempotencyKey = idempotencyKey,
            Kind = kind,
            Status = skipReason is null ? NotificationStatus.Requested : NotificationStatus.Skipped,
            SkipReason = skipReason,
            EntityKey = source.Change.EntityKey,
            CustomerId = customerId,
            OrderId = orderId,
            ProductId = productId,
            SourceVersion = source.Change.ItemVersion,
            SourceSequence = source.Change.SequenceNumber,
            CreatedAt = now,
        };
    }
}
