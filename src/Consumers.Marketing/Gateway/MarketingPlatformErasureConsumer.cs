using Bus.Messaging.Gateway;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Bus.Consumers.Marketing.Gateway;

/// <summary>Erases the contact on the marketing platform: POST <c>/contacts/erase</c>, once per idempotency key.</summary>
public sealed class MarketingPlatformErasureConsumer(
    [FromKeyedServices(MarketingServiceExtensions.PlatformName)] WebhookClient platform,
    DeliveredEffectLedger ledger,
    ILogger<MarketingPlatformErasureConsumer> logger) : IConsumer<EraseMarketingContact>
{
    public const string Path = "/contacts/erase";

    public async Task Consume(ConsumeContext<EraseMarketingContact> context)
    {
        var command = context.Message;
        var delivered = await ledger.Deliver(command.IdempotencyKey, command.CustomerId,
            ct => platform.PostAsync(Path, ErasurePayload.From(command), command.IdempotencyKey, ct), context.CancellationToken);
        if (delivered)
            GatewayLog.Delivered(logger, Path, command.CustomerId, command.IdempotencyKey);
        else
            GatewayLog.AlreadyDelivered(logger, Path, command.CustomerId, command.IdempotencyKey);
    }
}
