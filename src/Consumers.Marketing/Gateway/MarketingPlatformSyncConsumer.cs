using Bus.Consumers.Marketing.Persistence;
using Bus.Messaging.Gateway;
using Bus.Messaging.Persistence;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Bus.Consumers.Marketing.Gateway;

/// <summary>Creates or updates the contact on the marketing platform: POST <c>/contacts</c>, once per idempotency key.</summary>
public sealed class MarketingPlatformSyncConsumer(
    [FromKeyedServices(MarketingServiceExtensions.PlatformName)] WebhookClient platform,
    DeliveredEffectLedger ledger,
    MarketingDbContext db,
    ILogger<MarketingPlatformSyncConsumer> logger) : IConsumer<SyncMarketingContact>
{
    public const string Path = "/contacts";

    public async Task Consume(ConsumeContext<SyncMarketingContact> context)
    {
        var command = context.Message;
        // A sync that was still waiting when the customer was erased must not put the data back on the platform.
        if (await CompiledQueries.For<MarketingQueries>(db).IsErased(db, command.CustomerId, context.CancellationToken))
        {
            GatewayLog.SkippedErased(logger, command.CustomerId, command.IdempotencyKey);
            return;
        }

        var delivered = await ledger.Deliver(command.IdempotencyKey, command.CustomerId,
            ct => platform.PostAsync(Path, ContactPayload.From(command), command.IdempotencyKey, ct), context.CancellationToken);
        if (delivered)
            GatewayLog.Delivered(logger, Path, command.CustomerId, command.IdempotencyKey);
        else
            GatewayLog.AlreadyDelivered(logger, Path, command.CustomerId, command.IdempotencyKey);
    }
}
