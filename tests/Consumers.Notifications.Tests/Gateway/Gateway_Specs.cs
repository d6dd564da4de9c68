using System.Globalization;
using Bus.Consumers.Notifications.Gateway;
using Bus.Consumers.Notifications.Tests.Infrastructure;
using Bus.Messaging.Gateway;
using Bus.TestSupport;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Bus.Consumers.Notifications.Tests.Gateway;

/// <summary>The three gateway consumers against a loopback HTTP server, through the real registration.</summary>
public sealed class Gateway_Specs : IAsyncLifetime
{
    private NotificationsHarness _service = null!;

    public async ValueTask InitializeAsync() => _service = await NotificationsHarness.StartAsync();

    public ValueTask DisposeAsync() => _service.DisposeAsync();

    [Fact]
    public async Task The_email_gateway_posts_a_signed_request_with_the_idempotency_key_and_records_the_effect()
    {
        var command = Email("key-1");

        await _service.Send(_service.Endpoints.EmailGateway, command);
        await Eventually.True(async () => await Delivered("key-1"), "the effect was recorded");

        var request = Assert.Single(_service.RequestsTo("/emails"));
        Assert.Equal("key-1", request.Headers["Idempotency-Key"]);
        var timestamp = long.Parse(request.Headers["X-Bus-Timestamp"], CultureInfo.InvariantCulture);
        Assert.True(WebhookSignature.Verify(NotificationsHarness.Secret, timestamp, request.Body, request.Headers["X-Bus-Signature"]));
        Assert.Equal("""{"to":"ada@example.test","subject":"Subject","text":"Text"}""", System.Text.Encoding.UTF8.GetString(request.Body));
        Assert.Equal("Email", (await _service.Query(db => db.DeliveredEffects.SingleAsync())).ExternalSystem);
    }

    [Fact]
    public async Task A_command_whose_effect_was_delivered_already_makes_no_second_call()
    {
        await _service.Send(_service.Endpoints.SmsGateway, Sms("key-2"));
        await Eventually.True(async () => await Delivered("key-2"), "the first effect was recorded");

        await _service.Send(_service.Endpoints.SmsGateway, Sms("key-2"));
        await Eventually.True(() => _service.Harness.Consumed.Select<SendDeliverySms>(TestContext.Current.CancellationToken).Count() == 2,
            "both copies were consumed");

        Assert.Single(_service.RequestsTo("/sms"));
        Assert.Contains(_service.Logs.Lines, l => l.Contains("Sms effect key-2 was delivered already", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_permanent_rejection_is_not_retried_and_faults_with_the_reason()
    {
        _service.Http.Responder = _ => 422;

        await _service.Send(_service.Endpoints.PurchasingGateway, Alert("key-3"));
        await Eventually.True(async () => await _service.Harness.Published.Any<Fault<SendPurchasingAlert>>(TestContext.Current.CancellationToken),
            "the command faulted");

        var fault = _service.Harness.Published.Select<Fault<SendPurchasingAlert>>(TestContext.Current.CancellationToken).Single().Context.Message;
        Assert.Equal(typeof(PermanentExternalFailureException).FullName, fault.Exceptions[0].ExceptionType);
        Assert.Equal("Purchasing answered 422 Unprocessable Entity to POST /alerts", fault.Exceptions[0].Message);
        Assert.Single(_service.RequestsTo("/alerts"));
        Assert.False(await Delivered("key-3"));
    }

    [Fact]
    public async Task A_transient_failure_is_retried_with_back_off_until_the_system_accepts()
    {
        var calls = 0;
        _service.Http.Responder = _ => Interlocked.Increment(ref calls) <= 2 ? 503 : 200;

        await _service.Send(_service.Endpoints.EmailGateway, Email("key-4"));
        await Eventually.True(async () => await Delivered("key-4"), "the effect was recorded after the retries");

        Assert.Equal(3, _service.RequestsTo("/emails").Count);
        Assert.All(_service.RequestsTo("/emails"), r => Assert.Equal("key-4", r.Headers["Idempotency-Key"]));
        Assert.Equal(1, await _service.Query(db => db.DeliveredEffects.CountAsync()));
    }

    private Task<bool> Delivered(string key) => _service.Query(db => db.DeliveredEffects.AnyAsync(e => e.IdempotencyKey == key));

    private static SendShipmentEmail Email(string key) => new()
    {
        IdempotencyKey = key, Change = TestEvents.Change("Orders", "orderId=O-1", 3), CustomerId = "C-1", OrderId = "O-1",
        To = "ada@example.test", Subject = "Subject", Text = "Text",
    };

    private static SendDeliverySms Sms(string key) => new()
    {
        IdempotencyKey = key, Change = TestEvents.Change("Orders", "orderId=O-2", 4), CustomerId = "C-2", OrderId = "O-2", To = "+1 555 0100", Text = "Text",
    };

    private static SendPurchasingAlert Alert(string key) => new()
    {
        IdempotencyKey = key, Change = TestEvents.Change("Inventory", "productId=P-1", null), ProductId = "P-1", Sku = "SKU-1", Name = "Widget",
        Quantity = 1, Threshold = 5, SuggestedOrderQuantity = 9,
    };
}
