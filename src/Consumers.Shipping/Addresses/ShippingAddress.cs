using Bus.Consumers.Shipping.Ordering;
using Bus.Contracts;
using Bus.Contracts.Customers;
using Bus.Messaging.Idempotency;

namespace Bus.Consumers.Shipping.Addresses;

/// <summary>
/// A customer's shipping address in the address book (table <c>ShippingAddresses</c>), with the position of the last change
/// applied to it and, once the customer was deleted, an erased tombstone that keeps late changes from bringing the address back.
/// </summary>
public sealed class ShippingAddress
{
    public required string CustomerId { get; init; }

    public string? Street { get; private set; }

    public string? City { get; private set; }

    public string? PostalCode { get; private set; }

    public string? Country { get; private set; }

    /// <summary>The customer was deleted: the address was erased and stays erased.</summary>
    public bool Erased { get; private set; }

    public long? LastVersion { get; private set; }

    public string? LastSequence { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Concurrency token: concurrent changes of one customer conflict instead of overwriting each other.</summary>
    public int Revision { get; private set; }

    public bool HasAddress => Street is not null || City is not null || PostalCode is not null || Country is not null;

    public PostalAddress? Address => HasAddress
        ? new PostalAddress { Street = Street, City = City, PostalCode = PostalCode, Country = Country }
        : null;

    /// <summary>
    /// Records the address of a registration or an address change, unless the change is not newer than the applied one
    /// (stale or duplicate) or the customer was erased. A registration that comes later in the stream than the erasure
    /// (the id was registered again) starts the entry over.
    /// </summary>
    /// <returns>Whether the change was applied.</returns>
    public bool TryRecord(ChangeMetadata change, PostalAddress? address)
    {
        ArgumentNullException.ThrowIfNull(change);
        var applies = Erased
            ? change.ChangeKind == ChangeKind.Insert && ChangePositions.IsLaterInStream(change, LastSequence)
            : ChangeOrdering.IsNewer(change, LastVersion, LastSequence);
        if (!applies)
        {
            return false;
        }

        Erased = false;
        SetAddress(address);
        MoveTo(change);
        return true;
    }

    /// <summary>Erases the address for good, unless already erased or a newer change was applied.</summary>
    /// <returns>Whether the erasure was applied.</returns>
    public bool TryErase(ChangeMetadata change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (Erased || ChangePositions.IsOlder(change, LastVersion, LastSequence))
        {
            return false;
        }

        Erased = true;
        SetAddress(null);
        MoveTo(change);
        return true;
    }

    private void SetAddress(PostalAddress? address)
    {
        Street = address?.Street;
        City = address?.City;
        PostalCode = address?.PostalCode;
        Country = address?.Country;
    }

    private void MoveTo(ChangeMetadata change)
    {
        LastVersion = change.ItemVersion;
        LastSequence = change.SequenceNumber;
        UpdatedAt = change.ApproximateCreationTime.ToUniversalTime();
        Revision++;
    }
}
