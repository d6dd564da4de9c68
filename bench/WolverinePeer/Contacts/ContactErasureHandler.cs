using Bus.Consumers.Marketing.Contacts;
using Bus.Consumers.Marketing.Gateway;
using Bus.Consumers.Marketing.Persistence;
using Bus.Contracts.Customers;
using Wolverine.Attributes;

namespace Bus.WolverinePeer.Contacts;

/// <summary>Wolverine's counterpart of <see cref="MarketingContactErasureConsumer"/> (see <see cref="ContactRegistrationHandler"/>).</summary>
public static class ContactErasureHandler
{
    [Transactional]
    public static async Task<EraseMarketingContact?> Handle(CustomerDeleted message, MarketingDbContext db, CancellationToken cancellationToken)
    {
        var contact = await db.FindOrAddContact(message.CustomerId, cancellationToken);
        return contact.Erase(message.Change) ? MarketingPlatformCommands.EraseCommand(contact, message) : null;
    }
}
