using Bus.Contracts;
using Bus.Contracts.Customers;
using Bus.StreamBridge.Decoding;

namespace Bus.StreamBridge.Translation;

/// <summary>The Customers table: registration, one event per changed concern, deletion (TTL expiry flagged).</summary>
public sealed class CustomersTranslator : IChangeTranslator
{
    public string Name => "Customers";

    public TranslatorRequirements Requirements { get; } = new(ImageNeeds.NewImage, ImageNeeds.NewAndOldImages, ImageNeeds.KeysOnly);

    public void Translate(in ChangeInput change, ICollection<IChangeEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var (kind, keys, oldImage, newImage, ttl, metadata) = change;
        var customerId = Image.RequiredString(newImage ?? oldImage, keys, "customerId");
        switch (kind)
        {
            case ChangeKind.Insert:
                events.Add(new CustomerRegistered
                {
                    Change = metadata,
                    CustomerId = customerId,
                    Email = Image.OptionalString(newImage, "email"),
                    Name = Image.OptionalString(newImage, "name"),
                    Phone = Image.OptionalString(newImage, "phone"),
                    Address = Address(newImage),
                    MarketingOptIn = Image.OptionalBool(newImage, "marketingOptIn") ?? false,
                });
                break;
            case ChangeKind.Modify:
                TranslateModify(customerId, oldImage, newImage, metadata, events);
                break;
            case ChangeKind.Remove:
                events.Add(new CustomerDeleted { Change = metadata, CustomerId = customerId, ExpiredByTtl = ttl });
                break;
        }
    }

    private static void TranslateModify(
        string customerId, AttributeMap? oldImage, AttributeMap? newImage, ChangeMetadata metadata, ICollection<IChangeEvent> events)
    {
        if (Image.Differs(oldImage, newImage, "email"))
        {
            events.Add(new CustomerEmailChanged
            {
                Change = metadata,
                CustomerId = customerId,
                PreviousEmail = Image.OptionalString(oldImage, "email"),
                Email = Image.OptionalString(newImage, "email"),
            });
        }

        if (Image.Differs(oldImage, newImage, "address"))
        {
            events.Add(new CustomerAddressChanged
            {
                Change = metadata,
                CustomerId = customerId,
                PreviousAddress = Address(oldImage),
                Address = Address(newImage),
            });
        }

        if (Image.Differs(oldImage, newImage, "phone"))
        {
            events.Add(new CustomerPhoneChanged
            {
                Change = metadata,
                CustomerId = customerId,
                PreviousPhone = Image.OptionalString(oldImage, "phone"),
                Phone = Image.OptionalString(newImage, "phone"),
            });
        }

        var previousOptIn = Image.OptionalBool(oldImage, "marketingOptIn") ?? false;
        var optIn = Image.OptionalBool(newImage, "marketingOptIn") ?? false;
        if (previousOptIn != optIn)
        {
            events.Add(new CustomerMarketingConsentChanged
            {
                Change = metadata,
                CustomerId = customerId,
                MarketingOptIn = optIn,
                PreviousMarketingOptIn = previousOptIn,
            });
        }
    }

    private static PostalAddress? Address(AttributeMap? image) => Image.OptionalMap(image, "address") is { } address
        ? new PostalAddress
        {
            Street = Image.OptionalString(address, "street"),
            City = Image.OptionalString(address, "city"),
            PostalCode = Image.OptionalString(address, "postalCode"),
            Country = Image.OptionalString(address, "country"),
        }
        : null;
}
