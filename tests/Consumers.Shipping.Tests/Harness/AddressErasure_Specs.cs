using Bus.Consumers.Shipping.Addresses;
using Bus.Consumers.Shipping.Tests.Infrastructure;
using Bus.Contracts.Customers;
using Microsoft.EntityFrameworkCore;

namespace Bus.Consumers.Shipping.Tests.Harness;

public sealed class AddressErasure_Specs : IAsyncLifetime
{
    private ShippingHarness _service = null!;

    public async ValueTask InitializeAsync() => _service = await ShippingHarness.Start();

    public ValueTask DisposeAsync() => _service.DisposeAsync();

    [Fact]
    public async Task Deletion_erases_the_address_and_tells_the_shipping_system_to_erase_it()
    {
        await _service.PublishAndWait(Events.Registered("C-1", 1, Events.Address("1 Rue A")));
        var deleted = Events.Deleted("C-1", 1);

        await _service.PublishAndWait(deleted);

        var entry = await Entry("C-1");
        Assert.Equal((true, (string?)null, (string?)null, (string?)null, (string?)null),
            (entry.Erased, entry.Street, entry.City, entry.PostalCode, entry.Country));
        var erasure = Assert.Single(await _service.Sent<PushShippingAddress>(), x => x.Erased);
        Assert.Equal(new PushShippingAddress
        {
            CustomerId = "C-1",
            Address = null,
            Erased = true,
            ChangedAt = Events.At(1),
            IdempotencyKey = $"shipping-address:{deleted.Change.StreamEventId}:CustomerDeleted",
            ChangeVersion = 1,
            ChangeSequence = Events.Sequence(1),
        }, erasure);
    }

    [Fact]
    public async Task Deletion_carrying_the_version_of_the_last_address_change_still_erases()
    {
        // A REMOVE record's version is the old image's, so it equals the last MODIFY's version.
        await _service.PublishAndWait(Events.Registered("C-1", 1, Events.Address("1 Rue A")));
        await _service.PublishAndWait(Events.AddressChanged("C-1", 2, Events.Address("2 Rue B")));

        await _service.PublishAndWait(Events.Deleted("C-1", 2));

        Assert.True((await Entry("C-1")).Erased);
        Assert.Equal([false, false, true], (await _service.Sent<PushShippingAddress>()).Select(x => x.Erased).Order());
    }

    [Fact]
    public async Task Address_change_arriving_after_the_deletion_does_not_bring_the_address_back()
    {
        await _service.PublishAndWait(Events.Deleted("C-1", 2));

        await _service.PublishAndWait(Events.AddressChanged("C-1", 2, Events.Address("2 Rue B")));
        await _service.PublishAndWait(Events.Registered("C-1", 1, Events.Address("1 Rue A")));

        var entry = await Entry("C-1");
        Assert.Equal((true, (PostalAddress?)null), (entry.Erased, entry.Address));
        Assert.Empty(await _service.Sent<PushShippingAddress>());
    }

    [Fact]
    public async Task Deletion_of_a_customer_without_a_known_address_leaves_a_tombstone_and_pushes_nothing()
    {
        await _service.PublishAndWait(Events.Deleted("C-1", 4));

        var entry = await Entry("C-1");
        Assert.Equal((true, 4L, Events.Sequence(4)), (entry.Erased, entry.LastVersion!.Value, entry.LastSequence));
        Assert.Empty(await _service.Sent<PushShippingAddress>());
    }

    [Fact]
    public async Task Registration_later_in_the_stream_than_the_erasure_starts_the_entry_over()
    {
        await _service.PublishAndWait(Events.Registered("C-1", 1, Events.Address("1 Rue A")));
        await _service.PublishAndWait(Events.Deleted("C-1", 1));

        // The id registered again: the item's version starts over, the stream position is later.
        var again = Events.Registered("C-1", 1, Events.Address("9 Rue Z")) with
        {
            Change = Events.Change("Customers", "customerId=C-1", 1, Contracts.ChangeKind.Insert) with { SequenceNumber = Events.Sequence(7) },
        };
        await _service.PublishAndWait(again);

        var entry = await Entry("C-1");
        Assert.Equal((false, "9 Rue Z"), (entry.Erased, entry.Street));
        Assert.Equal([null, "1 Rue A", "9 Rue Z"], (await _service.Sent<PushShippingAddress>()).Select(x => x.Address?.Street).Order());
    }

    [Fact]
    public async Task A_second_deletion_of_an_erased_customer_is_ignored()
    {
        await _service.PublishAndWait(Events.Registered("C-1", 1, Events.Address("1 Rue A")));
        await _service.PublishAndWait(Events.Deleted("C-1", 1));

        await _service.PublishAndWait(Events.Deleted("C-1", 1));

        Assert.Equal(2, (await _service.Sent<PushShippingAddress>()).Count);
    }

    private Task<ShippingAddress> Entry(string customerId) =>
        _service.Query(db => db.ShippingAddresses.SingleAsync(x => x.CustomerId == customerId));
}
