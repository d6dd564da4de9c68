using System.Text.Json;
using Bus.Consumers.Notifications.Gateway;
using Bus.Consumers.Notifications.Log;
using Bus.Consumers.Notifications.Tests.Infrastructure;
using Bus.Contracts.Customers;
using Bus.Contracts.Orders;
using Bus.TestSupport;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Bus.Consumers.Notifications.Tests.Orders;

/// <summary><c>OrderShippedEmailConsumer</c> and the e-mail gateway behind it, through the real registration.</summary>
public sealed class OrderShippedEmail_Specs : IAsyncLifetime
{
    private NotificationsHarness _service = null!;

    public async ValueTask InitializeAsync() => _service = await NotificationsHarness.StartAsync();

    public ValueTask DisposeAsync() => _service.DisposeAsync();

    [Fact]
    public async Task A_shipped_order_of_a_known_customer_sends_one_email_with_tracking_number_carrier_and_estimated_delivery()
    {
        await _service.Handled(await _service.Publish(TestEvents.Registered("C-1")));
        var shipped = TestEvents.Shipped("O-1", "C-1");

        await _service.Handled(await _service.Publish(shipped));
        await Eventually.True(() => _service.RequestsTo("/emails").Count == 1, "the e-mail system received the e-mail");

        var key = $"notifications-shipment-email:{shipped.Change.StreamEventId}:OrderShipped";
        var sent = await _service.ConsumedSingle<SendShipmentEmail>();
        Assert.Equal((key, "C-1", "O-1", "ada@example.test", "Your order N-O-1 has shipped"), (sent.IdempotencyKey, sent.CustomerId, sent.OrderId, sent.To, sent.Subject));
        Assert.Equal(shipped.Change, sent.Change);
        Assert.Equal("Hello Ada Lovelace,\n\nyour order N-O-1 is on its way.\nCarrier: UPS\nTracking number: 1Z999AA10123456784\nEstimated delivery: 2026-12-01", sent.Text);

        var request = _service.RequestsTo("/emails")[0];
        Assert.Equal(("POST", key), (request.Method, request.Headers["Idempotency-Key"]));
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal(["to", "subject", "text"], body.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("ada@example.test", sent.Subject, sent.Text),
            (body.RootElement.GetProperty("to").GetString(), body.RootElement.GetProperty("subject").GetString(), body.RootElement.GetProperty("text").GetString()));

        var logged = await _service.Query(db => db.Notifications.SingleAsync());
        Assert.Equal((NotificationKind.ShipmentEmail, NotificationStatus.Requested, "C-1", "O-1", "orderId=O-1", 3L, null as string),
            (logged.Kind, logged.Status, logged.CustomerId, logged.OrderId, logged.EntityKey, logged.SourceVersion!.Value, logged.SkipReason));
        await Eventually.True(async () => await _service.Query(db => db.DeliveredEffects.AnyAsync(e => e.IdempotencyKey == key && e.ExternalSystem == "Email")),
            "the gateway recorded the delivered e-mail");
    }

    [Fact]
    public async Task A_shipped_order_that_arrives_before_its_customer_is_retried_until_the_contact_is_known()
    {
        var shippedId = await _service.Publish(TestEvents.Shipped("O-2", "C-2"));
        await Eventually.True(() => _service.Logs.Lines.Count(l => l.Contains("ShipmentEmail waits for the contact of customer C-2", StringComparison.Ordinal)) >= 2,
            "the first attempt and a retry found no contact");

        await _service.Publish(TestEvents.Registered("C-2"));

        await _service.Handled(shippedId);
        await Eventually.True(() => _service.RequestsTo("/emails").Count == 1, "the e-mail went out once the contact was known");
        Assert.Equal(1, await _service.Query(db => db.Notifications.CountAsync(n => n.OrderId == "O-2" && n.Status == NotificationStatus.Requested)));
    }

    [Fact]
    public async Task A_shipped_order_whose_contact_was_started_by_a_phone_change_waits_for_the_email_address()
    {
        await _service.Handled(await _service.Publish(TestEvents.PhoneChanged("C-9", version: 2, "+1 555 0100")));
        var shippedId = await _service.Publish(TestEvents.Shipped("O-9", "C-9"));
        await Eventually.True(() => _service.Logs.Lines.Any(l => l.Contains("ShipmentEmail waits for the contact of customer C-9", StringComparison.Ordinal)),
            "the first attempt found the contact without a known e-mail address");

        await _service.Publish(TestEvents.Registered("C-9", version: 1));

        await _service.Handled(shippedId);
        await Eventually.True(() => _service.RequestsTo("/emails").Count == 1, "the e-mail went out once the address was known");
        Assert.Equal("ada@example.test", (await _service.ConsumedSingle<SendShipmentEmail>()).To);
        Assert.Equal(1, await _service.Query(db => db.Notifications.CountAsync(n => n.OrderId == "O-9" && n.Status == NotificationStatus.Requested)));
    }

    [Fact]
    public async Task A_shipped_order_whose_customer_never_arrives_faults_after_the_bounded_retries()
    {
        await _service.Publish(TestEvents.Shipped("O-3", "C-unknown"));

        await Eventually.True(async () => await _service.Harness.Published.Any<Fault<OrderShipped>>(TestContext.Current.CancellationToken),
            "the message faulted after its retries");
        var fault = _service.Harness.Published.Select<Fault<OrderShipped>>(TestContext.Current.CancellationToken).Single().Context.Message;
        Assert.Equal("Bus.Consumers.Notifications.Contacts.ContactNotYetKnownException", fault.Exceptions[0].ExceptionType);
        Assert.Equal(7, _service.Logs.Lines.Count(l => l.Contains("ShipmentEmail waits for the contact of customer C-unknown", StringComparison.Ordinal)));
        Assert.Equal(0, await _service.Query(db => db.Notifications.CountAsync()));
        Assert.Empty(_service.RequestsTo("/emails"));
    }

    [Fact]
    public async Task An_erased_customer_gets_no_email_and_the_skip_is_recorded()
    {
        await _service.Handled(await _service.Publish(TestEvents.Registered("C-4", version: 1)));
        await _service.Handled(await _service.Publish(TestEvents.Deleted("C-4", version: 1)));

        await _service.Handled(await _service.Publish(TestEvents.Shipped("O-4", "C-4")));

        var logged = await _service.Query(db => db.Notifications.SingleAsync());
        Assert.Equal((NotificationStatus.Skipped, "erased"), (logged.Status, logged.SkipReason));
        Assert.False(await _service.Harness.Consumed.Any<SendShipmentEmail>(TestContext.Current.CancellationToken));
        Assert.Empty(_service.RequestsTo("/emails"));
    }

    [Fact]
    public async Task A_customer_without_email_gets_no_email_and_the_skip_is_recorded()
    {
        await _service.Handled(await _service.Publish(TestEvents.Registered("C-5", email: null)));

        await _service.Handled(await _service.Publish(TestEvents.Shipped("O-5", "C-5")));

        var logged = await _service.Query(db => db.Notifications.SingleAsync());
        Assert.Equal((NotificationStatus.Skipped, "no-email"), (logged.Status, logged.SkipReason));
        Assert.False(await _service.Harness.Consumed.Any<SendShipmentEmail>(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task An_older_shipment_of_an_order_arriving_after_a_newer_one_is_ignored()
    {
        await _service.Handled(await _service.Publish(TestEvents.Registered("C-6")));
        await _service.Handled(await _service.Publish(TestEvents.Shipped("O-6", "C-6", version: 7)));

        await _service.Handled(await _service.Publish(TestEvents.Shipped("O-6", "C-6", version: 5)));

        Assert.Equal(7L, (await _service.Query(db => db.Notifications.SingleAsync())).SourceVersion);
        await _service.ConsumedSingle<SendShipmentEmail>();
        await Eventually.True(() => _service.RequestsTo("/emails").Count == 1, "the newer shipment's e-mail went out");
        Assert.Contains(_service.Logs.Lines, l => l.Contains("Ignored stale ShipmentEmail for orderId=O-6", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_same_source_event_under_a_new_message_id_sends_nothing_twice()
    {
        await _service.Handled(await _service.Publish(TestEvents.Registered("C-7")));
        var shipped = TestEvents.Shipped("O-7", "C-7");
        await _service.Handled(await _service.Publish(shipped));

        // As when the copy arrives after its inbox row expired: a new inbox row, the same idempotency key.
        await _service.Handled(await _service.Publish(shipped));

        await _service.ConsumedSingle<SendShipmentEmail>();
        Assert.Equal(1, await _service.Query(db => db.Notifications.CountAsync()));
        Assert.Contains(_service.Logs.Lines, l => l.Contains("Ignored duplicate ShipmentEmail", StringComparison.Ordinal));
    }

    [Fact]
    public async Task No_log_line_contains_the_customers_name_email_phone_or_address()
    {
        // The first e-mail and the first SMS fail, so the retry and failure paths log too.
        var failed = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>();
        _service.Http.Responder = r => failed.TryAdd(r.Path, true) ? 503 : 200;
        // The service keeps no address, but the registration carries one: it must not reach a log either.
        var address = new PostalAddress { Street = "12 Crescent Road", City = "London", PostalCode = "NW1 6XE", Country = "GB" };
        await _service.Handled(await _service.Publish(TestEvents.Registered("C-8") with { Address = address }));
        await _service.Handled(await _service.Publish(TestEvents.EmailChanged("C-8", version: 2, "ada.changed@example.test")));
        await _service.Handled(await _service.Publish(TestEvents.Shipped("O-8", "C-8")));
        await _service.Handled(await _service.Publish(TestEvents.Delivered("O-8", "C-8")));
        await Eventually.True(() => _service.RequestsTo("/emails").Count == 2 && _service.RequestsTo("/sms").Count == 2,
            "the e-mail and the SMS went out on their second attempt");

        // Whole values only: a fragment such as the phone number's "7946" turns up in GUIDs by chance.
        _service.Logs.AssertNoLineContains("ada@example.test", "ada.changed@example.test", "Ada Lovelace", "+44 20 7946 0000", "+442079460000",
            "12 Crescent Road", "NW1 6XE");
    }
}
