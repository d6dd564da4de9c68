using MassTransit;

namespace Bus.Contracts.Customers;

/// <summary>
/// A customer's postal address changed: a modify of a Customers item whose <c>address</c> map was added, removed,
/// or differs in any of its parts.
/// </summary>
/// <remarks>Published only when the address differs between the old and the new image.</remarks>
[MessageUrn("Bus.Contracts.Customers:CustomerAddressChanged")]
[EntityName("Bus.Contracts.Customers:CustomerAddressChanged")]
public sealed record CustomerAddressChanged : IChangeEvent
{
    /// <inheritdoc/>
    public required ChangeMetadata Change { get; init; }

    /// <summary>The customer's id: the table's partition key <c>customerId</c>.</summary>
    public required string CustomerId { get; init; }

    /// <summary>The address before the change; null when the item had none.</summary>
    public PostalAddress? PreviousAddress { get; init; }

    /// <summary>The address after the change; null when the attribute was removed.</summary>
    public PostalAddress? Address { get; init; }
}
