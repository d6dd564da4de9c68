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
        await endpoint.Send(new SyncMarketingContact
        {
            CustomerId = contact.CustomerId,
            Email = contact.Email,
            MarketingOptIn = contact.MarketingOptIn,
            Revision = contact.Revision,
            IdempotencyKey = EffectKeys.For(SyncEffect, source),
            Source = SourcePosition.Of(source.Change),
        }, context.CancellationToken);
    }

    public async Task Erase(ConsumeContext context, MarketingContact contact, CustomerDeleted source)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(contact);
        ArgumentNullException.ThrowIfNull(source);
        var endpoint = await context.GetSendEndpoint(endpoints.PlatformGatewayAddress);
        await endpoint.Send(new EraseMarketingContact
        {
            CustomerId = contact.CustomerId,
            Revision = contact.Revision,
            IdempotencyKey = EffectKeys.For(EraseEffect, source),
            Source = SourcePosition.Of(source.Change),
        }, context.CancellationToken);
    }
}
