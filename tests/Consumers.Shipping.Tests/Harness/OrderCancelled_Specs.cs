using Bus.Consumers.Shipping.Shipments;
using Bus.Consumers.Shipping.Tests.Infrastructure;
using Bus.Contracts.Orders;
using Microsoft.EntityFrameworkCore;

namespace Bus.Consumers.Shipping.Tests.Harness;

public sealed class OrderCancelled_Specs : IAsyncLifetime
{
    private ShippingHarness _service = null!;

    public async ValueTask InitializeAsync() => _service = await ShippingHarness.Start();

    public ValueTask DisposeAsync() => _service.DisposeAsync();

    [Fact]
    public async Task Cancellation_of_an_order_whose_shipment_was_requested_cancels_the_shipment()
    {
        await _service.PublishAndWait(Events.Placed("O-1", "C-1"), consumers: 2);
        var cancelled = Events.Cancelled(Events.StatusChanged("O-1", "C-1", 3, OrderStatuses.Paid, OrderStatuses.Cancelled));

        await _service.PublishAndWait(cancelled, consumers: 2);

        Assert.Equal(new CancelShipment
        {
            OrderId = "O-1",
            CustomerId = "C-1",
            OrderNumber = "N-O-1",
            PreviousStatus = OrderStatuses.Paid,
            CancelledAt = Events.At(3),
            IdempotencyKey = $"shipping-shipment-cancel:{cancelled.Change.StreamEventId}:OrderCancelled",
            ChangeVersion = 3,
            ChangeSequence = Events.Sequence(3),
        }, Assert.Single(await _service.Sent<CancelShipment>()));
        var request = await _service.Query(db => db.ShipmentRequests.SingleAsync());
        Assert.Equal((true, true, 3L), (request.Requested, request.Cancelled, request.LastVersion!.Value));
    }

    [Fact]
    public async Task Cancellation_arriving_before_the_placement_sends_nothing_and_the_late_placement_requests_no_shipment()
    {
        await _service.PublishAndWait(Events.Cancelled(Events.StatusChanged("O-1", "C-1", 3, OrderStatuses.Paid, OrderStatuses.Cancelled)), consumers: 2);

        await _service.PublishAndWait(Events.Placed("O-1", "C-1"), consumers: 2);

        Assert.Empty(await _service.Sent<CancelShipment>());
        Assert.Empty(await _service.Sent<CreateShipment>());
        var request = await _service.Query(db => db.ShipmentRequests.SingleAsync());
        Assert.Equal((false, true), (request.Requested, request.Cancelled));
    }

    [Fact]
    public async Task A_repeated_cancellation_cancels_once()
    {
        await _service.PublishAndWait(Events.Placed("O-1", "C-1"), consumers: 2);
        var cancelled = Events.Cancelled(Events.StatusChanged("O-1", "C-1", 3, OrderStatuses.Paid, OrderStatuses.Cancelled));

        await _service.PublishAndWait(cancelled, consumers: 2);
        await _service.PublishAndWait(cancelled, consumers: 2);

        Assert.Single(await _service.Sent<CancelShipment>());
    }
}
