using Bus.Consumers.Marketing.Contacts;
using Bus.Consumers.Marketing.Gateway;
using Bus.Consumers.Marketing.Persistence;
using Bus.Contracts.Customers;
using Wolverine.Attributes;

namespace Bus.WolverinePeer.Contacts;

/// <summary>
/// Wolverine's counterpart of <see cref="MarketingContactRegistrationConsumer"/>: the same contact, stale check and command.
/// The EF Core transactional middleware saves the contact, stores the returned command in the outbox and marks the inbox
/// envelope handled in one transaction, then sends the command; a stale event returns no command.
/// </summary>
public static class ContactRegistrationHandler
{
    [Transactional]
    public static async Task<SyncMarketingContact?> Handle(CustomerRegistered message, MarketingDbContext db, CancellationToken cancellationToken)
    {
        var contact = await db.FindOrAddContact(message.CustomerId, cancellationToken);
        return contact.ApplyRegistration(message.Change, message.Email, message.MarketingOptIn)
            ? MarketingPlatformCommands.SyncCommand(contact, message)
            : null;
    }
}
