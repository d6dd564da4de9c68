using Bus.Consumers.Shipping.Addresses;
using Bus.Consumers.Shipping.Shipments;
using MassTransit;

namespace Bus.Consumers.Shipping.Gateway;

/// <summary>Delivers the service's commands to the shipping system, each once per idempotency key. The command is the JSON body.</summary>
public sealed class ShippingSystemGatewayConsumer(ShippingSystemGateway gateway)
    : IConsumer<PushShippingAddress>, IConsumer<CreateShipment>, IConsumer<CancelShipment>
{
    public Task Consume(ConsumeContext<PushShippingAddress> context) =>
        gateway.DeliverOnce(ShippingSystem.AddressesPath, context.Message, context.Message.IdempotencyKey, context.CancellationToken);

    public Task Consume(ConsumeContext<CreateShipment> context) =>
        gateway.DeliverOnce(ShippingSystem.ShipmentsPath, context.Message, context.Message.IdempotencyKey, context.CancellationToken);

    public Task Consume(ConsumeContext<CancelShipment> context) =>
        gateway.DeliverOnce(ShippingSystem.CancelShipmentPath, context.Message, context.Message.IdempotencyKey, context.CancellationToken);
}
