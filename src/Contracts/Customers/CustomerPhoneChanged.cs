using MassTransit;

namespace Bus.Contracts.Customers;

/// <summary>
/// A customer's phone number changed: a modify of a Customers item whose <c>phone</c> attribute was added,
/// changed or removed.
/// </summary>
/// <remarks>Published only when the value differs between the old and the new image.</remarks>
[MessageUrn("Bus.Contracts.Customers:CustomerPhoneChanged")]
[EntityName("Bus.Contracts.Customers:CustomerPhoneChanged")]
public sealed record CustomerPhoneChanged : IChangeEvent
{
    /// <inheritdoc/>
    public required ChangeMetadata Change { get; init; }

    /// <summary>The customer's id: the table's partition key <c>customerId</c>.</summary>
    public required string CustomerId { get; init; }

    /// <summary>The phone number before the change, as stored; null when the item had none.</summary>
    public string? PreviousPhone { get; init; }

    /// <summary>The phone number after the change, as stored; null when the attribute was removed.</summary>
    public string? Phone { get; init; }
}
