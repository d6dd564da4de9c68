using Bus.Contracts;
using Bus.Contracts.Customers;
using Bus.Messaging.Idempotency;
using MassTransit;

namespace Bus.Consumers.Shipping.Addresses;

/// <summary>
/// Command to the gateway: tell the shipping system a customer's current address (<c>POST /addresses</c>, this record is
/// the JSON body). <see cref="Address"/> null means the customer has no address any more; <see cref="Erased"/> says the
/// customer was deleted and the shipping system must erase what it holds.
/// </summary>
[MessageUrn("Bus.Consumers.Shipping:PushShippingAddress")]
public sealed record PushShippingAddress
{
    public required string CustomerId { get; init; }

    public PostalAddress? Address { get; init; }

    public required bool Erased { get; init; }

    /// <summary>When the customer item changed (UTC).</summary>
    public required DateTimeOffset ChangedAt { get; init; }

    /// <summary><c>shipping-address:&lt;stream event id&gt;:&lt;event type&gt;</c>, also sent as <c>Idempotency-Key</c>.</summary>
    public required string IdempotencyKey { get; init; }

    /// <summary>The customer item's version, so the shipping system can drop a push that arrives after a newer one.</summary>
    public long? ChangeVersion { get; init; }

    /// <summary>The change's stream sequence number (decimal digits; compare as numbers).</summary>
    public required string ChangeSequence { get; init; }

    public const string Effect = "shipping-address";

    public static PushShippingAddress From(string customerId, PostalAddress? address, bool erased, IChangeEvent source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new()
        {
            CustomerId = customerId,
            Address = address,
            Erased = erased,
            ChangedAt = source.Change.ApproximateCreationTime.ToUniversalTime(),
            IdempotencyKey = EffectKeys.For(Effect, source),
            ChangeVersion = source.Change.ItemVersion,
            ChangeSequence = source.Change.SequenceNumber,
        };
    }
}
