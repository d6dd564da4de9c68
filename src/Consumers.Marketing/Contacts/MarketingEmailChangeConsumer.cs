using Bus.Consumers.Marketing.Gateway;
using Bus.Consumers.Marketing.Persistence;
using Bus.Contracts.Customers;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Bus.Consumers.Marketing.Contacts;

/// <summary>A customer's e-mail address changed (or was removed): records it and syncs the contact.</summary>
public sealed class MarketingEmailChangeConsumer(MarketingDbContext db, MarketingPlatformCommands platform, ILogger<MarketingEmailChangeConsumer> logger)
    : IConsumer<CustomerEmailChanged>
{
    public async Task Consume(ConsumeContext<CustomerEmailChanged> context)
    {
        var message = context.Message;
        var contact = await db.FindOrAddContact(message.CustomerId, context.CancellationToken);
        if (!contact.ApplyEmail(message.Change, message.Email))
        {
            ContactLog.Ignored(logger, nameof(CustomerEmailChanged), contact);
            return;
        }

        await platform.Sync(context, contact, message);
        await db.SaveChangesAsync(context.CancellationToken);
        ContactLog.Applied(logger, nameof(CustomerEmailChanged), contact.CustomerId, contact.Revision);
    }
}
