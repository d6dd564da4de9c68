using Bus.Consumers.Marketing;
using Bus.Consumers.Marketing.Gateway;
using Bus.Messaging.Gateway;

namespace Bus.WolverinePeer.Gateway;

/// <summary>Wolverine's counterpart of <see cref="MarketingPlatformErasureConsumer"/> (see <see cref="PlatformSyncHandler"/>).</summary>
public static class PlatformErasureHandler
{
    public static Task Handle(EraseMarketingContact command, [FromKeyedServices(MarketingServiceExtensions.PlatformName)] WebhookClient platform,
        DeliveredEffectLedger ledger, CancellationToken cancellationToken) =>
        ledger.Deliver(command.IdempotencyKey, command.CustomerId,
            ct => platform.PostAsync(MarketingPlatformErasureConsumer.Path, ErasurePayload.From(command), command.IdempotencyKey, ct), cancellationToken);
}
