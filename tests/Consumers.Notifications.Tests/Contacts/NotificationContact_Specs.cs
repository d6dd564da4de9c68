using Bus.Consumers.Notifications.Contacts;
using Bus.Consumers.Notifications.Tests.Infrastructure;
using Bus.Contracts.Customers;
using Bus.Contracts.Inventory;
using Microsoft.EntityFrameworkCore;

namespace Bus.Consumers.Notifications.Tests.Contacts;

/// <summary>The contact copy kept by the four customer-event consumers, through the real registration on the harness.</summary>
public sealed class NotificationContact_Specs : IAsyncLifetime
{
    private NotificationsHarness _service = null!;

    public async ValueTask InitializeAsync() => _service = await NotificationsHarness.StartAsync();

    public ValueTask DisposeAsync() => _service.DisposeAsync();

    [Fact]
    public async Task A_registration_stores_name_email_and_phone_with_their_positions()
    {
        var registered = TestEvents.Registered("C-1", version: 1);

        await _service.Handled(await _service.Publish(registered));

        var contact = await Contact("C-1");
        Assert.Equal(("Ada Lovelace", "ada@example.test", "+44 20 7946 0000", false), (contact.Name, contact.Email, contact.Phone, contact.Erased));
        Assert.Equal((1L, registered.Change.SequenceNumber), (contact.EmailVersion!.Value, contact.EmailSequence));
        Assert.True(await _service.Harness.Consumed.Any<CustomerRegistered>(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task An_email_change_older_than_the_applied_one_is_ignored()
    {
        await _service.Handled(await _service.Publish(TestEvents.Registered("C-2", version: 1)));
        await _service.Handled(await _service.Publish(TestEvents.EmailChanged("C-2", version: 5, "new@example.test")));

        await _service.Handled(await _service.Publish(TestEvents.EmailChanged("C-2", version: 3, "older@example.test")));

        var contact = await Contact("C-2");
        Assert.Equal(("new@example.test", 5L), (contact.Email, contact.EmailVersion!.Value));
        Assert.Contains(_service.Logs.Lines, l => l.StartsWith("Debug", StringComparison.Ordinal) && l.Contains("Ignored CustomerEmailChanged of customer C-2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_late_registration_does_not_overwrite_a_newer_email_but_fills_in_name_and_phone()
    {
        await _service.Handled(await _service.Publish(TestEvents.EmailChanged("C-3", version: 2, "changed@example.test")));

        await _service.Handled(await _service.Publish(TestEvents.Registered("C-3", version: 1)));

        var contact = await Contact("C-3");
        Assert.Equal(("Ada Lovelace", "changed@example.test", "+44 20 7946 0000"), (contact.Name, contact.Email, contact.Phone));
    }

    [Fact]
    public async Task A_removed_phone_number_is_cleared()
    {
        await _service.Handled(await _service.Publish(TestEvents.Registered("C-4", version: 1)));

        await _service.Handled(await _service.Publish(TestEvents.PhoneChanged("C-4", version: 2, phone: null)));

        var contact = await Contact("C-4");
        Assert.Equal(("ada@example.test", null, 2L), (contact.Email, contact.Phone, contact.PhoneVersion!.Value));
    }

    [Fact]
    public async Task A_deletion_erases_the_personal_data_and_a_late_older_change_cannot_bring_it_back()
    {
        await _service.Handled(await _service.Publish(TestEvents.Registered("C-5", version: 1)));
        await _service.Handled(await _service.Publish(TestEvents.EmailChanged("C-5", version: 2, "second@example.test")));

        // A removal carries the version of the image it removed: equal to the last modify's.
        await _service.Handled(await _service.Publish(TestEvents.Deleted("C-5", version: 2)));
        await _service.Handled(await _service.Publish(TestEvents.PhoneChanged("C-5", version: 2, "+1 555 0100")));

        var contact = await Contact("C-5");
        Assert.Equal((null, null, null, true), (contact.Name, contact.Email, contact.Phone, contact.Erased));
        Assert.NotNull(contact.ErasedAt);
    }

    [Fact]
    public async Task A_deletion_of_an_unknown_customer_leaves_a_tombstone_that_a_late_registration_does_not_revive()
    {
        var registration = TestEvents.Registered("C-6", version: 1);
        await _service.Handled(await _service.Publish(TestEvents.Deleted("C-6", version: 1)));

        await _service.Handled(await _service.Publish(registration));

        var contact = await Contact("C-6");
        Assert.Equal((null, null, true), (contact.Name, contact.Email, contact.Erased));
    }

    [Fact]
    public async Task A_duplicate_delivery_with_the_same_message_id_is_applied_once()
    {
        await _service.Handled(await _service.Publish(TestEvents.Registered("C-7", version: 1)));
        var change = TestEvents.EmailChanged("C-7", version: 2, "dup@example.test");
        var messageId = NewIdGuid();

        await _service.Publish(change, messageId);
        await _service.Publish(change, messageId);
        await _service.Handled(messageId);

        Assert.Equal(1, await _service.Query(db => db.Set<Bus.Messaging.Outbox.InboxState>().CountAsync(i => i.MessageId == messageId)));
        Assert.Equal(1, _service.Logs.Lines.Count(l => l.Contains("Applied CustomerEmailChanged to the contact of customer C-7", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Events_the_service_does_not_subscribe_to_are_not_consumed()
    {
        await _service.Publish(new CustomerAddressChanged { Change = TestEvents.Change("Customers", "customerId=C-8", 2), CustomerId = "C-8" });
        await _service.Publish(new StockLevelChanged { Change = TestEvents.Change("Inventory", "productId=P-8", null), ProductId = "P-8", PreviousQuantity = 9, Quantity = 8 });

        Assert.False(await _service.Harness.Consumed.Any<CustomerAddressChanged>(TestContext.Current.CancellationToken));
        Assert.False(await _service.Harness.Consumed.Any<StockLevelChanged>(TestContext.Current.CancellationToken));
        Assert.Equal(0, await _service.Query(db => db.Contacts.CountAsync()));
    }

    private static Guid NewIdGuid() => MassTransit.NewId.NextGuid();

    private Task<NotificationContact> Contact(string customerId) =>
        _service.Query(db => db.Contacts.AsNoTracking().SingleAsync(c => c.CustomerId == customerId));
}
