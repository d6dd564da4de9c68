using Bus.Consumers.Marketing.Contacts;
using Bus.Consumers.Marketing.Gateway;
using Bus.Consumers.Marketing.Persistence;
using Bus.Contracts.Customers;
using Wolverine.Attributes;

namespace Bus.WolverinePeer.Contacts;

/// <summary>Wolverine's counterpart of <see cref="MarketingEmailChangeConsumer"/> (see <see cref="ContactRegistrationHandler"/>).</summary>
public static class EmailChangeHandler
{
    [Transactional]
    public static async Task<SyncMarketingContact?> Handle(CustomerEmailChanged message, MarketingDbContext db, CancellationToken cancellationToken)
    {
        var contact = await db.FindOrAddContact(message.CustomerId, cancellationToken);
        return contact.ApplyEmail(message.Change, message.Email) ? MarketingPlatformCommands.SyncCommand(contact, message) : null;
    }
}
