using Bus.Consumers.Marketing.Gateway;
using Bus.Consumers.Marketing.Persistence;
using Bus.Contracts.Customers;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Bus.Consumers.Marketing.Contacts;

/// <summary>A customer was deleted (by the application or TTL): erases the personal data, keeps a tombstone, and erases the contact on the platform.</summary>
public sealed class MarketingContactErasureConsumer(MarketingDbContext db, MarketingPlatformCommands platform, ILogger<MarketingContactErasureConsumer> logger)
    : IConsumer<CustomerDeleted>
{
    public async Task Consume(ConsumeContext<CustomerDeleted> context)
    {
        var message = context.Message;
        var contact = await db.FindOrAddContact(message.CustomerId, context.CancellationToken);
        if (!contact.Erase(message.Change))
        {
            ContactLog.Ignored(logger, nameof(CustomerDeleted), contact);
            return;
        }

        await platform.Erase(context, contact, message);
        await db.SaveChangesAsync(context.CancellationToken);
        ContactLog.Applied(logger, nameof(CustomerDeleted), contact.CustomerId, contact.Revision);
    }
}
