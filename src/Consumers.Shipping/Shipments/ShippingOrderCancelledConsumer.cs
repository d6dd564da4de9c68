using Bus.Consumers.Shipping.Hosting;
using Bus.Consumers.Shipping.Persistence;
using Bus.Contracts.Orders;
using Bus.Messaging.Persistence;
using MassTransit;

namespace Bus.Consumers.Shipping.Shipments;

/// <summary>Asks the shipping system to cancel the shipment of a cancelled order, once, and only when one was requested.</summary>
public sealed class ShippingOrderCancelledConsumer(ShippingDbContext db, ShippingEndpoints endpoints, ILogger<ShippingOrderCancelledConsumer> logger)
    : IConsumer<OrderCancelled>
{
    public async Task Consume(ConsumeContext<OrderCancelled> context)
    {
        var order = context.Message;
        var request = await CompiledQueries.For<ShippingQueries>(db).ShipmentRequest(db, order.OrderId, context.CancellationToken);
        if (request is null)
        {
            // Cancelled before the placement arrived: remember it, so the late placement requests no shipment.
            db.ShipmentRequests.Add(ShipmentRequest.CancelledBeforePlacement(order.OrderId, order.CustomerId, order.Change));
        }
        else if (request.TryCancel(order.Change))
        {
            await endpoints.SendToGateway(context, CancelShipment.From(order));
            ShippingLog.ShipmentCancellationRequested(logger, order.OrderId);
        }
        else
        {
            ShippingLog.StaleChangeIgnored(logger, nameof(OrderCancelled), order.OrderId, order.Change.SequenceNumber, order.Change.ItemVersion);
            return;
        }

        await db.SaveChangesAsync(context.CancellationToken);
    }
}
