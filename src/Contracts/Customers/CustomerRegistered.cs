using MassTransit;

namespace Bus.Contracts.Customers;

/// <summary>
/// A customer was registered: an item was inserted into the Customers table.
/// </summary>
/// <remarks>
/// Contains personal data (email, name, phone, address): store only what you need and erase it on
/// <see cref="CustomerDeleted"/>. Published once per insert; later changes arrive as the <c>Customer…Changed</c> events.
/// </remarks>
[MessageUrn("Bus.Contracts.Customers:CustomerRegistered")]
[EntityName("Bus.Contracts.Customers:CustomerRegistered")]
public sealed record CustomerRegistered : IChangeEvent
{
    /// <inheritdoc/>
    public required ChangeMetadata Change { get; init; }

    /// <summary>The customer's id: the table's partition key <c>customerId</c>.</summary>
    public required string CustomerId { get; init; }

    /// <summary>Email address as stored (<c>email</c>), not normalized; null when the item has none.</summary>
    public string? Email { get; init; }

    /// <summary>Display name (<c>name</c>); null when the item has none.</summary>
    public string? Name { get; init; }

    /// <summary>Phone number as stored (<c>phone</c>), not normalized; null when the item has none.</summary>
    public string? Phone { get; init; }

    /// <summary>Postal address (<c>address</c> map); null when the item has none.</summary>
    public PostalAddress? Address { get; init; }

    /// <summary>
    /// Whether the customer consented to marketing (<c>marketingOptIn</c>). False when the item has no such
    /// attribute: no recorded consent is no consent.
    /// </summary>
    public required bool MarketingOptIn { get; init; }
}
