using Bus.Consumers.Marketing.Contacts;
using Bus.Contracts;
using Bus.Contracts.Customers;
using Bus.Messaging.Idempotency;
using MassTransit;

namespace Bus.Consumers.Marketing.Gateway;

/// <summary>Sends the gateway's commands from a consume context, so they go through the consumer's outbox.</summary>
public sealed class MarketingPlatformCommands(MarketingEndpoints endpoints)
{
    public const string SyncEffect = "marketing-contact-sync";
    public const string EraseEffect = "marketing-contact-erase";

    public async Task Sync(ConsumeContext context, MarketingContact contact, IChangeEvent source)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(contact);
        ArgumentNullException.ThrowIfNull(source);
        var endpoint = await context.GetSendEndpoint(endpoints.PlatformGatewayAddress);
        await endpoint.Send(SyncCommand(contact, source), context.CancellationToken);
    }

    public async Task Erase(ConsumeContext context, MarketingContact contact, CustomerDeleted source)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(contact);
        ArgumentNullException.ThrowIfNull(source);
        var endpoint = await context.GetSendEndpoint(endpoints.PlatformGatewayAddress);
        await endpoint.Send(EraseCommand(contact, source), context.CancellationToken);
    }

    /// <summary>The command that syncs <paramref name="contact"/> as it is after <paramref name="source"/> was applied.</summary>
    public static SyncMarketingContact SyncCommand(MarketingContact contact, IChangeEvent source)
    {
        ArgumentNullException.ThrowIfNull(contact);
        ArgumentNullException.ThrowIfNull(source);
        return new SyncMarketingContact
        {
            CustomerId = contact.CustomerId,
            Email = contact.Email,
            MarketingOptIn = contact.MarketingOptIn,
            Revision = contact.Revision,
            IdempotencyKey = EffectKeys.For(SyncEffect, source),
            Source = SourcePosition.Of(source.Change),
        };
    }

    /// <summary>The command that erases <paramref name="contact"/> on the platform after the deletion <paramref name="source"/>.</summary>
    public static EraseMarketingContact EraseCommand(MarketingContact contact, CustomerDeleted source)
    {
        ArgumentNullException.ThrowIfNull(contact);
        ArgumentNullException.ThrowIfNull(source);
        return new EraseMarketingContact
        {
            CustomerId = contact.CustomerId,
            Revision = contact.Revision,
            IdempotencyKey = EffectKeys.For(EraseEffect, source),
            Source = SourcePosition.Of(source.Change),
        };
    }
}
