namespace Bus.Contracts.Customers;

/// <summary>
/// A customer's postal address: the <c>address</c> map attribute of the Customers table.
/// </summary>
/// <remarks>
/// Every part is optional; a part is null when the map has no such key (or it is DynamoDB <c>NULL</c>).
/// Compare two addresses with value equality (<c>==</c>); records compare member by member.
/// </remarks>
public sealed record PostalAddress
{
    /// <summary>Street and house number (<c>address.street</c>); null when absent.</summary>
    public string? Street { get; init; }

    /// <summary>City or town (<c>address.city</c>); null when absent.</summary>
    public string? City { get; init; }

    /// <summary>Postal or ZIP code as stored, not normalized (<c>address.postalCode</c>); null when absent.</summary>
    public string? PostalCode { get; init; }

    /// <summary>Country as stored in the table, e.g. an ISO 3166 code or a name (<c>address.country</c>); null when absent.</summary>
    public string? Country { get; init; }
}
