using Bus.Consumers.Marketing.Persistence;
using Bus.Messaging.Persistence;

namespace Bus.Consumers.Marketing.Contacts;

public static class MarketingDbContextContactExtensions
{
    /// <summary>The customer's contact, or a new empty one (added to the context) when there is none yet: a change can
    /// arrive before the registration, and is kept per concern until the registration fills in the rest.</summary>
    public static async Task<MarketingContact> FindOrAddContact(this MarketingDbContext db, string customerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var contact = await CompiledQueries.For<MarketingQueries>(db).Contact(db, customerId, cancellationToken);
        if (contact is null)
        {
            contact = new MarketingContact { CustomerId = customerId };
            db.Add(contact);
        }

        return contact;
    }
}
