using Bus.Consumers.Shipping.Shipments;
using Bus.Consumers.Shipping.Tests.Infrastructure;
using Bus.Contracts.Orders;
using Microsoft.EntityFrameworkCore;

namespace Bus.Consumers.Shipping.Tests.Harness;

public sealed class OrderPlaced_Specs : IAsyncLifetime
{
    private ShippingHarness _service = null!;

    public async ValueTask InitializeAsync() => _service = await ShippingHarness.Start();

    public ValueTask DisposeAsync() => _service.DisposeAsync();

    [Fact]
    public async Task Placed_order_requests_a_shipment_with_its_lines_and_the_customers_current_address()
    {
        await _service.PublishAndWait(Events.Registered("C-1", 1, Events.Address("1 Rue A")));
        await _service.PublishAndWait(Events.AddressChanged("C-1", 2, Events.Address("2 Rue B")));
        var placed = Events.Placed("O-1", "C-1");

        await _service.PublishAndWait(placed, consumers: 2);

        var command = Assert.Single(await _service.Sent<CreateShipment>());
        Assert.Equal(("O-1", "C-1", "N-O-1", Events.Address("2 Rue B"), Events.At(1)),
            (command.OrderId, command.CustomerId, command.OrderNumber, command.Address, command.PlacedAt));
        Assert.Equal(placed.Items, command.Lines);
        Assert.Equal(($"shipping-shipment:{placed.Change.StreamEventId}:OrderPlaced", 1L, Events.Sequence(1)),
            (command.IdempotencyKey, command.ChangeVersion!.Value, command.ChangeSequence));
        var request = await _service.Query(db => db.ShipmentRequests.SingleAsync());
        Assert.Equal(("O-1", true, false), (request.OrderId, request.Requested, request.Cancelled));
    }

    [Fact]
    public async Task Placed_order_of_a_customer_without_a_known_address_requests_a_shipment_without_one()
    {
        await _service.PublishAndWait(Events.Placed("O-1", "C-unknown"), consumers: 2);

        Assert.Null(Assert.Single(await _service.Sent<CreateShipment>()).Address);
    }

    [Fact]
    public async Task Placed_order_of_an_erased_customer_carries_no_address()
    {
        await _service.PublishAndWait(Events.Registered("C-1", 1, Events.Address("1 Rue A")));
        await _service.PublishAndWait(Events.Deleted("C-1", 1));

        await _service.PublishAndWait(Events.Placed("O-1", "C-1"), consumers: 2);

        Assert.Null(Assert.Single(await _service.Sent<CreateShipment>()).Address);
    }

    [Fact]
    public async Task The_same_placement_under_a_new_message_id_requests_no_second_shipment()
    {
        var placed = Events.Placed("O-1", "C-1");
        await _service.PublishAndWait(placed, consumers: 2);

        await _service.PublishAndWait(placed, consumers: 2);

        Assert.Single(await _service.Sent<CreateShipment>());
    }

    [Fact]
    public async Task Status_changes_request_no_shipment()
    {
        await _service.PublishAndWait(Events.StatusChanged("O-1", "C-1", 2, OrderStatuses.Placed, OrderStatuses.Paid));

        Assert.Empty(await _service.Sent<CreateShipment>());
        Assert.Equal(0, await _service.Query(db => db.ShipmentRequests.CountAsync()));
    }
}
