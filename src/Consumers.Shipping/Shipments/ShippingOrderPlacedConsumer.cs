using Bus.Consumers.Shipping.Hosting;
using Bus.Consumers.Shipping.Persistence;
using Bus.Contracts.Orders;
using Bus.Messaging.Persistence;
using MassTransit;

namespace Bus.Consumers.Shipping.Shipments;

/// <summary>Asks the shipping system for a shipment of a placed order, with the customer's address from the local address
/// book, once per order and not after the order's cancellation was seen.</summary>
public sealed class ShippingOrderPlacedConsumer(ShippingDbContext db, ShippingEndpoints endpoints, ILogger<ShippingOrderPlacedConsumer> logger)
    : IConsumer<OrderPlaced>
{
    public async Task Consume(ConsumeContext<OrderPlaced> context)
    {
        var order = context.Message;
        if (await CompiledQueries.For<ShippingQueries>(db).ShipmentRequest(db, order.OrderId, context.CancellationToken) is not null)
        {
            ShippingLog.StaleChangeIgnored(logger, nameof(OrderPlaced), order.OrderId, order.Change.SequenceNumber, order.Change.ItemVersion);
            return;
        }

        db.ShipmentRequests.Add(ShipmentRequest.Placed(order.OrderId, order.CustomerId, order.Change));
        var address = (await CompiledQueries.For<ShippingQueries>(db).Address(db, order.CustomerId, context.CancellationToken))?.Address;
        await endpoints.SendToGateway(context, CreateShipment.From(order, address));
        await db.SaveChangesAsync(context.CancellationToken);
        ShippingLog.ShipmentRequested(logger, order.OrderId, address is not null);
    }
}
