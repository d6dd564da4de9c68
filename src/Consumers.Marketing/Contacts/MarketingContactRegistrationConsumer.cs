using Bus.Consumers.Marketing.Gateway;
using Bus.Consumers.Marketing.Persistence;
using Bus.Contracts.Customers;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Bus.Consumers.Marketing.Contacts;

/// <summary>A customer registered: records the e-mail address and consent, and syncs the contact to the marketing platform (opted in or not, so the platform knows the consent).</summary>
public sealed class MarketingContactRegistrationConsumer(MarketingDbContext db, MarketingPlatformCommands platform, ILogger<MarketingContactRegistrationConsumer> logger)
    : IConsumer<CustomerRegistered>
{
    public async Task Consume(ConsumeContext<CustomerRegistered> context)
    {
        var message = context.Message;
        var contact = await db.FindOrAddContact(message.CustomerId, context.CancellationToken);
        if (!contact.ApplyRegistration(message.Change, message.Email, message.MarketingOptIn))
        {
            ContactLog.Ignored(logger, nameof(CustomerRegistered), contact);
            return;
        }

        await platform.Sync(context, contact, message);
        await db.SaveChangesAsync(context.CancellationToken);
        ContactLog.Applied(logger, nameof(CustomerRegistered), contact.CustomerId, contact.Revision);
    }
}
