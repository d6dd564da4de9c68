using Bus.Messaging.Gateway;
using MassTransit;

namespace Bus.Consumers.Notifications.Gateway;

/// <summary>Sends a delivery SMS: <c>POST /sms</c> on the SMS system, once per idempotency key.</summary>
public sealed class SmsGatewayConsumer([FromKeyedServices(ExternalSystems.Sms)] WebhookClient sms, EffectLedger ledger)
    : IConsumer<SendDeliverySms>
{
    public const string Path = "/sms";

    public async Task Consume(ConsumeContext<SendDeliverySms> context)
    {
        var command = context.Message;
        if (await ledger.WasDeliveredAsync(command.IdempotencyKey, ExternalSystems.Sms, context.CancellationToken))
            return;

        await sms.PostAsync(Path, new SmsRequest(command.To, command.Text), command.IdempotencyKey, context.CancellationToken);
        await ledger.RecordAsync(command.IdempotencyKey, ExternalSystems.Sms, context.CancellationToken);
    }
}
