using Bus.Consumers.Marketing.Contacts;
using Bus.Consumers.Marketing.Gateway;
using Bus.Consumers.Marketing.Persistence;
using Bus.Contracts.Customers;
using Wolverine.Attributes;

namespace Bus.WolverinePeer.Contacts;

/// <summary>Wolverine's counterpart of <see cref="MarketingConsentChangeConsumer"/> (see <see cref="ContactRegistrationHandler"/>).</summary>
public static class ConsentChangeHandler
{
    [Transactional]
    public static async Task<SyncMarketingContact?> Handle(CustomerMarketingConsentChanged message, MarketingDbContext db, CancellationToken cancellationToken)
    {
        var contact = await db.FindOrAddContact(message.CustomerId, cancellationToken);
        return contact.ApplyConsent(message.Change, message.MarketingOptIn) ? MarketingPlatformCommands.SyncCommand(contact, message) : null;
    }
}
