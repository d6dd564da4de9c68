using Bus.Consumers.Shipping.Addresses;
using Bus.Consumers.Shipping.Tests.Infrastructure;
using Bus.Contracts.Customers;
using Microsoft.EntityFrameworkCore;

namespace Bus.Consumers.Shipping.Tests.Harness;

public sealed class AddressBook_Specs : IAsyncLifetime
{
    private ShippingHarness _service = null!;

    public async ValueTask InitializeAsync() => _service = await ShippingHarness.Start();

    public ValueTask DisposeAsync() => _service.DisposeAsync();

    [Fact]
    public async Task Registration_with_an_address_records_it_and_pushes_it_to_the_shipping_system()
    {
        var registered = Events.Registered("C-1", 1, Events.Address("1 Rue A"));

        await _service.PublishAndWait(registered);

        var entry = await Entry("C-1");
        Assert.Equal(("1 Rue A", "Lyon", "69001", "FR"), (entry.Street, entry.City, entry.PostalCode, entry.Country));
        Assert.Equal((1L, Events.Sequence(1), false), (entry.LastVersion!.Value, entry.LastSequence, entry.Erased));
        var push = Assert.Single(await _service.Sent<PushShippingAddress>());
        Assert.Equal(new PushShippingAddress
        {
            CustomerId = "C-1",
            Address = Events.Address("1 Rue A"),
            Erased = false,
            ChangedAt = Events.At(1),
            IdempotencyKey = $"shipping-address:{registered.Change.StreamEventId}:CustomerRegistered",
            ChangeVersion = 1,
            ChangeSequence = Events.Sequence(1),
        }, push);
    }

    [Fact]
    public async Task Registration_without_an_address_records_the_customer_and_pushes_nothing()
    {
        await _service.PublishAndWait(Events.Registered("C-1", 1, address: null));

        var entry = await Entry("C-1");
        Assert.Null(entry.Address);
        Assert.Equal(1L, entry.LastVersion);
        Assert.Empty(await _service.Sent<PushShippingAddress>());
    }

    [Fact]
    public async Task Address_change_replaces_the_address_and_pushes_the_new_one()
    {
        await _service.PublishAndWait(Events.Registered("C-1", 1, Events.Address("1 Rue A")));
        var changed = Events.AddressChanged("C-1", 2, Events.Address("2 Rue B"));

        await _service.PublishAndWait(changed);

        Assert.Equal("2 Rue B", (await Entry("C-1")).Street);
        // The gateway consumes concurrently: the order it received the commands in is not the order they were sent in.
        var pushes = (await _service.Sent<PushShippingAddress>()).OrderBy(x => x.ChangeVersion).ToList();
        Assert.Equal(["1 Rue A", "2 Rue B"], pushes.Select(x => x.Address!.Street));
        Assert.Equal($"shipping-address:{changed.Change.StreamEventId}:CustomerAddressChanged", pushes[1].IdempotencyKey);
    }

    [Fact]
    public async Task Removed_address_is_pushed_as_null()
    {
        await _service.PublishAndWait(Events.Registered("C-1", 1, Events.Address("1 Rue A")));

        await _service.PublishAndWait(Events.AddressChanged("C-1", 2, address: null));

        Assert.Null((await Entry("C-1")).Address);
        var push = Assert.Single(await _service.Sent<PushShippingAddress>(), x => x.ChangeVersion == 2);
        Assert.Equal(("C-1", (PostalAddress?)null, false, 2L), (push.CustomerId, push.Address, push.Erased, push.ChangeVersion!.Value));
    }

    [Fact]
    public async Task Older_address_change_arriving_after_a_newer_one_is_ignored()
    {
        await _service.PublishAndWait(Events.AddressChanged("C-1", 3, Events.Address("3 Rue C")));

        await _service.PublishAndWait(Events.AddressChanged("C-1", 2, Events.Address("2 Rue B")));

        var entry = await Entry("C-1");
        Assert.Equal(("3 Rue C", 3L), (entry.Street, entry.LastVersion!.Value));
        Assert.Equal(["3 Rue C"], (await _service.Sent<PushShippingAddress>()).Select(x => x.Address!.Street));
    }

    [Fact]
    public async Task A_copy_with_the_same_message_id_is_consumed_once()
    {
        var changed = Events.AddressChanged("C-1", 2, Events.Address("2 Rue B"));
        var id = await _service.Publish(changed);
        await _service.Publish(changed, id);

        await _service.Processed(id, receipts: 2);

        Assert.Single(await _service.Sent<PushShippingAddress>());
    }

    [Fact]
    public async Task The_same_change_under_a_new_message_id_is_ignored_as_a_duplicate()
    {
        var changed = Events.AddressChanged("C-1", 2, Events.Address("2 Rue B"));
        await _service.PublishAndWait(changed);

        await _service.PublishAndWait(changed);

        Assert.Single(await _service.Sent<PushShippingAddress>());
        Assert.Equal(1, await _service.Query(db => db.ShippingAddresses.CountAsync()));
    }

    [Fact]
    public async Task Customer_events_the_service_does_not_subscribe_to_are_not_consumed()
    {
        var emailChanged = await _service.Publish(new CustomerEmailChanged
        {
            Change = Events.Change("Customers", "customerId=C-1", 2),
            CustomerId = "C-1",
            Email = "new@example.com",
        });

        await _service.PublishAndWait(Events.Registered("C-2", 1, address: null));

        Assert.True(await _service.Harness.Published.Any<CustomerEmailChanged>(x => x.Context.MessageId == emailChanged));
        Assert.Empty(_service.Harness.Consumed.Select<CustomerEmailChanged>(ShippingHarness.Now));
        Assert.Equal(["C-2"], await _service.Query(db => db.ShippingAddresses.Select(x => x.CustomerId).ToListAsync()));
        Assert.Empty(await _service.Sent<PushShippingAddress>());
    }

    private Task<ShippingAddress> Entry(string customerId) =>
        _service.Query(db => db.ShippingAddresses.SingleAsync(x => x.CustomerId == customerId));
}
