using Microsoft.EntityFrameworkCore;

namespace Bus.Consumers.Marketing.Contacts;

public static class MarketingContactSetExtensions
{
    /// <summary>The customer's contact, or a new empty one (added to the context) when there is none yet: a change can
    /// arrive before the registration, and is kept per concern until the registration fills in the rest.</summary>
    public static async Task<MarketingContact> FindOrAdd(this DbSet<MarketingContact> contacts, string customerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contacts);
        var contact = await contacts.SingleOrDefaultAsync(x => x.CustomerId == customerId, cancellationToken);
        if (contact is null)
        {
            contact = new MarketingContact { CustomerId = customerId };
            contacts.Add(contact);
        }

        return contact;
    }
}
