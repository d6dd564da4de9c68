using Bus.Consumers.Marketing;
using Bus.Consumers.Marketing.Gateway;
using Bus.Consumers.Marketing.Persistence;
using Bus.Messaging.Gateway;
using Microsoft.EntityFrameworkCore;

namespace Bus.WolverinePeer.Gateway;

/// <summary>
/// Wolverine's counterpart of <see cref="MarketingPlatformSyncConsumer"/>: the same erased check, effect ledger and signed
/// webhook call with the command's idempotency key. Outside any transaction, like the consumer: the ledger's short writes
/// surround the HTTP call.
/// </summary>
public static class PlatformSyncHandler
{
    public static async Task Handle(SyncMarketingContact command, [FromKeyedServices(MarketingServiceExtensions.PlatformName)] WebhookClient platform,
        DeliveredEffectLedger ledger, MarketingDbContext db, CancellationToken cancellationToken)
    {
        if (await db.Contacts.AnyAsync(x => x.CustomerId == command.CustomerId && x.Erased, cancellationToken))
            return;

        await ledger.Deliver(command.IdempotencyKey, command.CustomerId,
            ct => platform.PostAsync(MarketingPlatformSyncConsumer.Path, ContactPayload.From(command), command.IdempotencyKey, ct), cancellationToken);
    }
}
