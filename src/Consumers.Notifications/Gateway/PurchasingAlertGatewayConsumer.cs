using Bus.Messaging.Gateway;
using MassTransit;

namespace Bus.Consumers.Notifications.Gateway;

/// <summary>Sends a low-stock alert: <c>POST /alerts</c> on the purchasing system, once per idempotency key.</summary>
public sealed class PurchasingAlertGatewayConsumer([FromKeyedServices(ExternalSystems.Purchasing)] WebhookClient purchasing, EffectLedger ledger)
    : IConsumer<SendPurchasingAlert>
{
    public const string Path = "/alerts";

    public async Task Consume(ConsumeContext<SendPurchasingAlert> context)
    {
        var command = context.Message;
        if (await ledger.WasDeliveredAsync(command.IdempotencyKey, ExternalSystems.Purchasing, context.CancellationToken))
            return;

        var alert = new PurchasingAlertRequest(command.ProductId, command.Sku, command.Name, command.Quantity, command.Threshold, command.SuggestedOrderQuantity);
        await purchasing.PostAsync(Path, alert, command.IdempotencyKey, context.CancellationToken);
        await ledger.RecordAsync(command.IdempotencyKey, ExternalSystems.Purchasing, context.CancellationToken);
    }
}
