using Bus.Consumers.Shipping.Tests.Infrastructure;
using Bus.Consumers.Shipping.Tracking;
using Bus.Contracts;
using Bus.Contracts.Orders;
using Microsoft.EntityFrameworkCore;

namespace Bus.Consumers.Shipping.Tests.Harness;

public sealed class OrderTracking_Specs : IAsyncLifetime
{
    private ShippingHarness _service = null!;

    public async ValueTask InitializeAsync() => _service = await ShippingHarness.Start();

    public ValueTask DisposeAsync() => _service.DisposeAsync();

    [Fact]
    public async Task Placed_order_appears_with_its_customer_number_status_and_placement_time()
    {
        await _service.PublishAndWait(Events.Placed("O-1", "C-1"), consumers: 2);

        Assert.Equal(new OrderTrackingView("O-1", "C-1", "N-O-1", OrderStatuses.Placed, null, null, null, Events.At(1), Events.At(1)),
            await View("O-1"));
    }

    [Fact]
    public async Task Shipment_details_apply_whether_the_status_change_of_the_same_change_came_first_or_not()
    {
        var first = Events.StatusChanged("O-1", "C-1", 2, OrderStatuses.Placed, OrderStatuses.Shipped);
        var second = Events.StatusChanged("O-2", "C-1", 2, OrderStatuses.Placed, OrderStatuses.Shipped);

        await _service.PublishAndWait(first);
        await _service.PublishAndWait(Events.Shipped(first, "TRK-1"));
        await _service.PublishAndWait(Events.Shipped(second, "TRK-2"));
        await _service.PublishAndWait(second);

        foreach (var (orderId, tracking) in new[] { ("O-1", "TRK-1"), ("O-2", "TRK-2") })
        {
            var view = await View(orderId);
            Assert.Equal((OrderStatuses.Shipped, tracking, "UPS", new DateOnly(2026, 3, 5), Events.At(2)),
                (view.Status, view.TrackingNumber, view.Carrier, view.EstimatedDelivery!.Value, view.UpdatedAt!.Value));
        }
    }

    [Fact]
    public async Task Events_arriving_in_reverse_order_yield_the_same_row_as_in_stream_order()
    {
        await PublishAll(Events.OrderHistory("O-1", "C-1"));
        await PublishAll(Events.OrderHistory("O-2", "C-1").AsEnumerable().Reverse());

        var inOrder = await View("O-1");
        var reversed = await View("O-2");
        Assert.Equal(new OrderTrackingView("O-1", "C-1", "N-O-1", OrderStatuses.Delivered, "TRK-1", "UPS", new DateOnly(2026, 3, 5),
            Events.At(1), Events.At(4)), inOrder);
        Assert.Equal(inOrder with { OrderId = "O-2", OrderNumber = "N-O-2" }, reversed);
    }

    [Fact]
    public async Task Older_status_arriving_after_a_newer_one_is_ignored()
    {
        await _service.PublishAndWait(Events.StatusChanged("O-1", "C-1", 3, OrderStatuses.Paid, OrderStatuses.Cancelled));

        await _service.PublishAndWait(Events.StatusChanged("O-1", "C-1", 2, OrderStatuses.Placed, OrderStatuses.Paid));

        var row = await _service.Query(db => db.OrderTracking.SingleAsync(x => x.OrderId == "O-1"));
        Assert.Equal((OrderStatuses.Cancelled, 3L, Events.At(3)), (row.Status, row.StatusVersion!.Value, row.UpdatedAt!.Value));
    }

    [Fact]
    public async Task Cancellation_and_unknown_statuses_are_tracked_as_they_come()
    {
        await _service.PublishAndWait(Events.Placed("O-1", "C-1"), consumers: 2);
        await _service.PublishAndWait(Events.StatusChanged("O-1", "C-1", 2, OrderStatuses.Placed, "ON_HOLD"));
        Assert.Equal("ON_HOLD", (await View("O-1")).Status);

        var cancelled = Events.StatusChanged("O-1", "C-1", 3, "ON_HOLD", OrderStatuses.Cancelled);
        await _service.PublishAndWait(Events.Cancelled(cancelled), consumers: 2);
        await _service.PublishAndWait(cancelled);

        Assert.Equal((OrderStatuses.Cancelled, Events.At(3)), ((await View("O-1")).Status, (await View("O-1")).UpdatedAt!.Value));
    }

    private async Task PublishAll(IEnumerable<IChangeEvent> events)
    {
        foreach (var e in events)
        {
            // OrderPlaced also goes to the shipment consumer; everything else only to the projection.
            var id = await _service.Publish(e);
            await _service.Processed(id, consumers: e is OrderPlaced ? 2 : 1);
        }
    }

    private Task<OrderTrackingView> View(string orderId) =>
        _service.Query(async db => OrderTrackingView.From(await db.OrderTracking.SingleAsync(x => x.OrderId == orderId)));
}
