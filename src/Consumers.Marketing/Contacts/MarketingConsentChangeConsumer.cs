using Bus.Consumers.Marketing.Gateway;
using Bus.Consumers.Marketing.Persistence;
using Bus.Contracts.Customers;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Bus.Consumers.Marketing.Contacts;

/// <summary>A customer's marketing consent changed: records it and syncs the contact, so a withdrawal reaches the platform.</summary>
public sealed class MarketingConsentChangeConsumer(MarketingDbContext db, MarketingPlatformCommands platform, ILogger<MarketingConsentChangeConsumer> logger)
    : IConsumer<CustomerMarketingConsentChanged>
{
    public async Task Consume(ConsumeContext<CustomerMarketingConsentChanged> context)
    {
        var message = context.Message;
        var contact = await db.FindOrAddContact(message.CustomerId, context.CancellationToken);
        if (!contact.ApplyConsent(message.Change, message.MarketingOptIn))
        {
            ContactLog.Ignored(logger, nameof(CustomerMarketingConsentChanged), contact);
            return;
        }

        await platform.Sync(context, contact, message);
        await db.SaveChangesAsync(context.CancellationToken);
        ContactLog.Applied(logger, nameof(CustomerMarketingConsentChanged), contact.CustomerId, contact.Revision);
    }
}
