using System.Text;
using System.Text.Json;
using Bus.Consumers.Shipping.Addresses;
using Bus.Consumers.Shipping.Gateway;
using Bus.Consumers.Shipping.Hosting;
using Bus.Consumers.Shipping.Shipments;
using Bus.Consumers.Shipping.Tests.Infrastructure;
using Bus.Contracts.Orders;
using Bus.Messaging.Gateway;
using Bus.TestSupport;
using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;

namespace Bus.Consumers.Shipping.Tests.Harness;

public sealed class Gateway_Specs : IAsyncLifetime
{
    private const string Secret = "harness-signing-secret";
    private ShippingHarness _service = null!;

    public async ValueTask InitializeAsync() => _service = await ShippingHarness.Start();

    public ValueTask DisposeAsync() => _service.DisposeAsync();

    [Fact]
    public async Task Address_push_is_posted_to_addresses_signed_and_with_its_idempotency_key()
    {
        await Send(Push("key-1"));

        await Eventually.True(() => _service.ShippingSystem.Requests.Count == 1, "the shipping system received the push");
        var request = Assert.Single(_service.ShippingSystem.Requests);
        Assert.Equal(("POST", "/addresses", "key-1"), (request.Method, request.Path, request.Headers["Idempotency-Key"]));
        var timestamp = long.Parse(request.Headers["X-Bus-Timestamp"], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(WebhookSignature.Verify(Secret, timestamp, request.Body, request.Headers["X-Bus-Signature"]));
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("""{"customerId":"C-1","address":{"street":"1 Rue A","city":"Lyon","postalCode":"69001","country":"FR"},"erased":false,"changedAt":"2026-03-01T10:01:00+00:00","idempotencyKey":"key-1","changeVersion":1,"changeSequence":"100000000000000000001"}""",
            Encoding.UTF8.GetString(request.Body));
        await Eventually.True(async () => await Delivered() == 1, "the effect was recorded");
        Assert.Equal("/addresses", await _service.Query(db => db.DeliveredEffects.Select(x => x.Path).SingleAsync()));
    }

    [Fact]
    public async Task Shipment_creation_and_cancellation_go_to_their_paths()
    {
        await Send(new CreateShipment
        {
            OrderId = "O-1", CustomerId = "C-1", OrderNumber = "N-1", PlacedAt = Events.At(1), IdempotencyKey = "create-1",
            ChangeSequence = Events.Sequence(1), Lines = [new OrderLine { Sku = "SKU-1", Quantity = 2, UnitPrice = 10.25m }],
        });
        await Send(new CancelShipment
        {
            OrderId = "O-1", CustomerId = "C-1", CancelledAt = Events.At(3), IdempotencyKey = "cancel-1", ChangeSequence = Events.Sequence(3),
        });

        await Eventually.True(async () => await Delivered() == 2, "both effects were recorded");
        Assert.Equal([("/shipments", "create-1"), ("/shipments/cancel", "cancel-1")],
            _service.ShippingSystem.Requests.Select(r => (r.Path, r.Headers["Idempotency-Key"])).Order());
        var create = JsonDocument.Parse(_service.ShippingSystem.Requests.Single(r => r.Path == "/shipments").Body).RootElement;
        Assert.Equal("""[{"sku":"SKU-1","quantity":2,"unitPrice":10.25}]""", create.GetProperty("lines").GetRawText());
    }

    [Fact]
    public async Task A_command_whose_key_was_delivered_before_is_not_sent_again()
    {
        await Send(Push("key-1"));
        await Eventually.True(async () => await Delivered() == 1, "the first delivery was recorded");

        var again = await Send(Push("key-1"));
        await Eventually.True(() => Consumed(again), "the repeated command was consumed");

        Assert.Single(_service.ShippingSystem.Requests);
        Assert.Equal(1, await Delivered());
    }

    [Fact]
    public async Task An_unavailable_shipping_system_is_retried_until_the_effect_is_delivered_once()
    {
        var failures = 3;
        _service.ShippingSystem.Responder = _ => Interlocked.Decrement(ref failures) >= 0 ? 503 : 200;

        await Send(Push("key-1"));

        await Eventually.True(async () => await Delivered() == 1, "the effect was recorded");
        Assert.Equal(4, _service.ShippingSystem.Requests.Count);
        Assert.All(_service.ShippingSystem.Requests, r => Assert.Equal("key-1", r.Headers["Idempotency-Key"]));
    }

    [Fact]
    public async Task A_rejected_command_faults_without_retry_and_records_no_effect()
    {
        _service.ShippingSystem.Responder = _ => 422;

        var id = await Send(Push("key-1"));

        var gateway = _service.Harness.GetConsumerHarness<ShippingSystemGatewayConsumer>();
        Assert.True(await gateway.Consumed.Any<PushShippingAddress>(x => x.Context.MessageId == id && x.Exception is PermanentExternalFailureException));
        await Task.Delay(300, TestContext.Current.CancellationToken);
        Assert.Single(_service.ShippingSystem.Requests);
        Assert.Equal(0, await Delivered());
    }

    private static PushShippingAddress Push(string key) => new()
    {
        CustomerId = "C-1",
        Address = Events.Address("1 Rue A"),
        Erased = false,
        ChangedAt = Events.At(1),
        IdempotencyKey = key,
        ChangeVersion = 1,
        ChangeSequence = Events.Sequence(1),
    };

    private async Task<Guid> Send<T>(T command)
        where T : class
    {
        var id = NewId.NextGuid();
        var endpoint = await _service.Harness.Bus.GetSendEndpoint(new Uri($"queue:{ShippingEndpoints.GatewayName}"));
        await endpoint.Send(command, c => c.MessageId = id, TestContext.Current.CancellationToken);
        return id;
    }

    private bool Consumed(Guid id) =>
        _service.Harness.Consumed.Select(x => x.Context.MessageId == id, ShippingHarness.Now).Any();

    private Task<int> Delivered() => _service.Query(db => db.DeliveredEffects.CountAsync());
}
