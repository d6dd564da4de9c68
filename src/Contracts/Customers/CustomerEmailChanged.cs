using MassTransit;

namespace Bus.Contracts.Customers;

/// <summary>
/// A customer's email address changed: a modify of a Customers item whose <c>email</c> attribute was added,
/// changed or removed.
/// </summary>
/// <remarks>Published only when the value differs between the old and the new image.</remarks>
[MessageUrn("Bus.Contracts.Customers:CustomerEmailChanged")]
[EntityName("Bus.Contracts.Customers:CustomerEmailChanged")]
public sealed record CustomerEmailChanged : IChangeEvent
{
    /// <inheritdoc/>
    public required ChangeMetadata Change { get; init; }

    /// <summary>The customer's id: the table's partition key <c>customerId</c>.</summary>
    public required string CustomerId { get; init; }

    /// <summary>The email address before the change; null when the item had none.</summary>
    public string? PreviousEmail { get; init; }

    /// <summary>The email address after the change, as stored; null when the attribute was removed.</summary>
    public string? Email { get; init; }
}
