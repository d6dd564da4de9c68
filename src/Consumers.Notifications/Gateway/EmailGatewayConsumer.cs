using Bus.Messaging.Gateway;
using MassTransit;

namespace Bus.Consumers.Notifications.Gateway;

/// <summary>Sends a shipment e-mail: <c>POST /emails</c> on the e-mail system, once per idempotency key.</summary>
public sealed class EmailGatewayConsumer([FromKeyedServices(ExternalSystems.Email)] WebhookClient email, EffectLedger ledger)
    : IConsumer<SendShipmentEmail>
{
    public const string Path = "/emails";

    public async Task Consume(ConsumeContext<SendShipmentEmail> context)
    {
        var command = context.Message;
        if (await ledger.WasDeliveredAsync(command.IdempotencyKey, ExternalSystems.Email, context.CancellationToken))
            return;

        await email.PostAsync(Path, new EmailRequest(command.To, command.Subject, command.Text), command.IdempotencyKey, context.CancellationToken);
        await ledger.RecordAsync(command.IdempotencyKey, ExternalSystems.Email, context.CancellationToken);
    }
}
