using System.Text.Json;
using Bus.Consumers.Notifications.Gateway;
using Bus.Consumers.Notifications.Log;
using Bus.Consumers.Notifications.Tests.Infrastructure;
using Bus.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Bus.Consumers.Notifications.Tests.Orders;

/// <summary><c>OrderDeliveredSmsConsumer</c> and the SMS gateway behind it, through the real registration.</summary>
public sealed class OrderDeliveredSms_Specs : IAsyncLifetime
{
    private NotificationsHarness _service = null!;

    public async ValueTask InitializeAsync() => _service = await NotificationsHarness.StartAsync();

    public ValueTask DisposeAsync() => _service.DisposeAsync();

    [Fact]
    public async Task A_delivered_order_texts_the_customers_current_phone_number()
    {
        await _service.Handled(await _service.Publish(TestEvents.Registered("C-1", version: 1)));
        await _service.Handled(await _service.Publish(TestEvents.PhoneChanged("C-1", version: 2, "+1 555 0199")));
        var delivered = TestEvents.Delivered("O-1", "C-1");

        await _service.Handled(await _service.Publish(delivered));
        await Eventually.True(() => _service.RequestsTo("/sms").Count == 1, "the SMS system received the text");

        var key = $"notifications-delivery-sms:{delivered.Change.StreamEventId}:OrderDelivered";
        var sent = await _service.ConsumedSingle<SendDeliverySms>();
        Assert.Equal((key, "C-1", "O-1", "+1 555 0199", "Your order N-O-1 has been delivered. Thank you for your order!"),
            (sent.IdempotencyKey, sent.CustomerId, sent.OrderId, sent.To, sent.Text));
        var request = _service.RequestsTo("/sms")[0];
        Assert.Equal(key, request.Headers["Idempotency-Key"]);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal(["to", "text"], body.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("+1 555 0199", sent.Text), (body.RootElement.GetProperty("to").GetString(), body.RootElement.GetProperty("text").GetString()));
        var logged = await _service.Query(db => db.Notifications.SingleAsync());
        Assert.Equal((NotificationKind.DeliverySms, NotificationStatus.Requested, "O-1"), (logged.Kind, logged.Status, logged.OrderId));
    }

    [Fact]
    public async Task A_customer_without_phone_gets_no_text_and_the_skip_is_recorded()
    {
        await _service.Handled(await _service.Publish(TestEvents.Registered("C-2", phone: null)));

        await _service.Handled(await _service.Publish(TestEvents.Delivered("O-2", "C-2")));

        var logged = await _service.Query(db => db.Notifications.SingleAsync());
        Assert.Equal((NotificationKind.DeliverySms, NotificationStatus.Skipped, "no-phone"), (logged.Kind, logged.Status, logged.SkipReason));
        Assert.False(await _service.Harness.Consumed.Any<SendDeliverySms>(TestContext.Current.CancellationToken));
        Assert.Empty(_service.RequestsTo("/sms"));
    }

    [Fact]
    public async Task A_delivered_order_that_arrives_before_its_customer_waits_for_the_contact()
    {
        var deliveredId = await _service.Publish(TestEvents.Delivered("O-3", "C-3"));
        await Eventually.True(() => _service.Logs.Lines.Any(l => l.Contains("DeliverySms waits for the contact of customer C-3", StringComparison.Ordinal)),
            "the first attempt found no contact");

        await _service.Publish(TestEvents.Registered("C-3"));

        await _service.Handled(deliveredId);
        await Eventually.True(() => _service.RequestsTo("/sms").Count == 1, "the text went out once the contact was known");
    }

    [Fact]
    public async Task A_delivered_order_whose_contact_was_started_by_an_email_change_waits_for_the_phone_number()
    {
        // The e-mail change overtook the registration that carries the phone: "no phone seen yet" is not "no phone".
        await _service.Handled(await _service.Publish(TestEvents.EmailChanged("C-4", version: 2, "new@example.test")));
        var deliveredId = await _service.Publish(TestEvents.Delivered("O-4", "C-4"));
        await Eventually.True(() => _service.Logs.Lines.Any(l => l.Contains("DeliverySms waits for the contact of customer C-4", StringComparison.Ordinal)),
            "the first attempt found the contact without a known phone number");
        Assert.Equal(0, await _service.Query(db => db.Notifications.CountAsync()));

        await _service.Publish(TestEvents.Registered("C-4", version: 1, phone: "+1 555 0142"));

        await _service.Handled(deliveredId);
        await Eventually.True(() => _service.RequestsTo("/sms").Count == 1, "the text went out once the phone number was known");
        Assert.Equal("+1 555 0142", (await _service.ConsumedSingle<SendDeliverySms>()).To);
        var logged = await _service.Query(db => db.Notifications.SingleAsync());
        Assert.Equal((NotificationStatus.Requested, null as string), (logged.Status, logged.SkipReason));
    }

    [Fact]
    public async Task A_customer_whose_phone_number_was_removed_gets_no_text()
    {
        await _service.Handled(await _service.Publish(TestEvents.Registered("C-5", version: 1)));
        await _service.Handled(await _service.Publish(TestEvents.PhoneChanged("C-5", version: 2, phone: null)));

        await _service.Handled(await _service.Publish(TestEvents.Delivered("O-5", "C-5")));

        var logged = await _service.Query(db => db.Notifications.SingleAsync());
        Assert.Equal((NotificationStatus.Skipped, "no-phone"), (logged.Status, logged.SkipReason));
        Assert.Empty(_service.RequestsTo("/sms"));
    }
}
