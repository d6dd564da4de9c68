using System.Text.Json;
using Bus.Consumers.Notifications.Gateway;
using Bus.Consumers.Notifications.Log;
using Bus.Consumers.Notifications.Tests.Infrastructure;
using Bus.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Bus.Consumers.Notifications.Tests.Inventory;

/// <summary><c>LowStockAlertConsumer</c> and the purchasing gateway behind it, through the real registration.</summary>
public sealed class LowStockAlert_Specs : IAsyncLifetime
{
    private NotificationsHarness _service = null!;

    public async ValueTask InitializeAsync() => _service = await NotificationsHarness.StartAsync();

    public ValueTask DisposeAsync() => _service.DisposeAsync();

    [Fact]
    public async Task Low_stock_alerts_purchasing_with_product_sku_name_quantity_threshold_and_suggested_order()
    {
        var low = TestEvents.LowStock("P-1");

        await _service.Handled(await _service.Publish(low));
        await Eventually.True(() => _service.RequestsTo("/alerts").Count == 1, "purchasing received the alert");

        var key = $"notifications-purchasing-alert:{low.Change.StreamEventId}:LowStockDetected";
        var sent = await _service.ConsumedSingle<SendPurchasingAlert>();
        Assert.Equal((key, "P-1", "SKU-P-1", "Blue widget", 3L, 5L, 7L),
            (sent.IdempotencyKey, sent.ProductId, sent.Sku, sent.Name, sent.Quantity, sent.Threshold, sent.SuggestedOrderQuantity));
        var request = _service.RequestsTo("/alerts")[0];
        Assert.Equal(key, request.Headers["Idempotency-Key"]);
        Assert.Equal("""{"productId":"P-1","sku":"SKU-P-1","name":"Blue widget","quantity":3,"threshold":5,"suggestedOrderQuantity":7}""",
            System.Text.Encoding.UTF8.GetString(request.Body));
        var logged = await _service.Query(db => db.Notifications.SingleAsync());
        Assert.Equal((NotificationKind.PurchasingAlert, NotificationStatus.Requested, "P-1", null as string, "productId=P-1"),
            (logged.Kind, logged.Status, logged.ProductId, logged.CustomerId, logged.EntityKey));
    }

    [Fact]
    public async Task An_older_crossing_arriving_after_a_newer_one_is_ignored_comparing_sequence_numbers_as_numbers()
    {
        // "900" sorts after "1000" as text; as numbers it is older.
        await _service.Handled(await _service.Publish(TestEvents.LowStock("P-2", sequence: "1000")));

        await _service.Handled(await _service.Publish(TestEvents.LowStock("P-2", sequence: "900")));

        await _service.ConsumedSingle<SendPurchasingAlert>();
        Assert.Equal("1000", (await _service.Query(db => db.Notifications.SingleAsync())).SourceSequence);
        await Eventually.True(() => _service.RequestsTo("/alerts").Count == 1, "the newer crossing's alert went out");
    }

    [Fact]
    public async Task Two_crossings_of_one_product_in_stream_order_alert_twice()
    {
        await _service.Handled(await _service.Publish(TestEvents.LowStock("P-3")));

        await _service.Handled(await _service.Publish(TestEvents.LowStock("P-3")));

        await Eventually.True(() => _service.RequestsTo("/alerts").Count == 2, "purchasing received both alerts");
        Assert.Equal(2, _service.RequestsTo("/alerts").Select(r => r.Headers["Idempotency-Key"]).Distinct().Count());
    }
}
