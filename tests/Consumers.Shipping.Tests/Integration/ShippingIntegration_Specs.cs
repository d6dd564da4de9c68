using System.Text;
using Bus.Consumers.Shipping.Addresses;
using Bus.Consumers.Shipping.Shipments;
using Bus.Consumers.Shipping.Tests.Infrastructure;
using Bus.Consumers.Shipping.Tracking;
using Bus.Contracts.Orders;
using Bus.Messaging.Outbox;
using Bus.TestSupport;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;

namespace Bus.Consumers.Shipping.Tests.Integration;

/// <summary>
/// The service host on the real RabbitMQ and PostgreSQL (a database and queue prefix of its own, migrations applied by the
/// start-up path), a loopback stand-in for the shipping system, and events published by a separate bus as the bridge does.
/// Other test runs may publish events to the same exchanges at the same time, so requests are counted for this test's ids only.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ShippingIntegration_Specs(ServerFixture servers) : IAsyncLifetime
{
    private readonly string _prefix = "shiptest-" + Guid.NewGuid().ToString("N")[..10];
    private readonly string _run = Guid.NewGuid().ToString("N")[..10];
    private readonly List<ShippingHost> _hosts = [];
    private PostgresDatabase _database = null!;
    private LoopbackHttpServer _shippingSystem = null!;
    private IBusControl _publisher = null!;

    private string Gateway => $"{_prefix}-shipping-system-gateway";

    public async ValueTask InitializeAsync()
    {
        _database = await servers.CreateDatabase();
        _shippingSystem = await LoopbackHttpServer.StartAsync();
        _publisher = MassTransit.Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(servers.RabbitHost, (ushort)servers.RabbitPort, "/", h =>
        {
            h.Username(servers.RabbitUser);
            h.Password(servers.RabbitPassword);
            h.PublisherConfirmation = true;
        }));
        await _publisher.StartAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            foreach (var host in _hosts)
                await host.DisposeAsync();
            await _publisher.StopAsync();
        }
        finally
        {
            await servers.DeleteEndpoints([$"{_prefix}-shipping", Gateway]);
            // The gateway publishes Fault<T> of a rejected command; the contract exchanges are shared with other services' runs and stay.
            foreach (var command in new[] { typeof(PushShippingAddress), typeof(CreateShipment), typeof(CancelShipment) })
                servers.SharedExchange($"MassTransit:Fault--{command.Namespace}:{command.Name}--");
            await _shippingSystem.DisposeAsync();
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task Duplicate_delivery_of_an_event_makes_one_external_call()
    {
        var host = await StartHost();
        var changed = Events.AddressChanged(Customer(1), 2, Events.Address("2 Rue B"));
        var id = NewId.NextGuid();

        await Publish(changed, id);
        await Publish(changed, id);

        await Eventually.True(async () => await Receipts(host, id, 2) == 1, "both copies went through the inbox", 30);
        await Eventually.True(() => Mine().Count == 1, "the shipping system received the push", 30);
        await Task.Delay(500, TestContext.Current.CancellationToken);
        var request = Assert.Single(Mine());
        Assert.Equal(("/addresses", $"shipping-address:{changed.Change.StreamEventId}:CustomerAddressChanged"), (request.Path, request.Headers["Idempotency-Key"]));
    }

    [Fact]
    public async Task Shipping_system_failing_several_times_is_retried_until_exactly_one_effect_is_delivered()
    {
        var failures = 3;
        _shippingSystem.Responder = r => IsMine(r) && Interlocked.Decrement(ref failures) >= 0 ? 503 : 200;
        var host = await StartHost();
        var placed = Events.Placed(Order(1), Customer(1));

        await Publish(placed, NewId.NextGuid());

        await Eventually.True(async () => await host.Query(db => db.DeliveredEffects.CountAsync()) == 1, "the shipment was delivered", 40);
        var key = $"shipping-shipment:{placed.Change.StreamEventId}:OrderPlaced";
        Assert.Equal(key, await host.Query(db => db.DeliveredEffects.Select(x => x.IdempotencyKey).SingleAsync()));
        Assert.Equal(Enumerable.Repeat(("/shipments", key), 4), Mine().Select(r => (r.Path, r.Headers["Idempotency-Key"])));
    }

    [Fact]
    public async Task Permanently_rejected_command_lands_in_the_gateways_error_queue_with_the_reason_and_no_effect()
    {
        _shippingSystem.Responder = r => IsMine(r) ? 422 : 200;
        var host = await StartHost();

        await Publish(Events.Placed(Order(1), Customer(1)), NewId.NextGuid());

        var fault = await ReadError(Order(1));
        Assert.Equal("Bus.Messaging.Gateway.PermanentExternalFailureException", fault["MT-Fault-ExceptionType"]);
        Assert.Equal("ShippingSystem answered 422 Unprocessable Entity to POST /shipments", fault["MT-Fault-Message"]);
        Assert.Single(Mine());
        Assert.Equal(0, await host.Query(db => db.DeliveredEffects.CountAsync()));
    }

    [Fact]
    public async Task Older_event_arriving_after_a_newer_one_is_ignored()
    {
        var host = await StartHost();
        await Publish(Events.AddressChanged(Customer(1), 3, Events.Address("3 Rue C")), NewId.NextGuid());
        await Eventually.True(() => Mine().Count == 1, "the newer address was pushed", 30);

        var stale = NewId.NextGuid();
        await Publish(Events.AddressChanged(Customer(1), 2, Events.Address("2 Rue B")), stale);

        await Eventually.True(async () => await Receipts(host, stale, 1) == 1, "the older change went through the inbox", 30);
        await Task.Delay(500, TestContext.Current.CancellationToken);
        Assert.Single(Mine());
        Assert.Equal("3 Rue C", await host.Query(db => db.ShippingAddresses.Select(x => x.Street).SingleAsync()));
    }

    [Fact]
    public async Task Two_instances_fed_duplicated_events_deliver_each_effect_exactly_once()
    {
        var first = await StartHost();
        await StartHost();
        var events = Enumerable.Range(1, 8).Select(i => (object)Events.AddressChanged(Customer(i), 2, Events.Address($"{i} Rue B")))
            .Concat(Enumerable.Range(1, 4).Select(i => (object)Events.Placed(Order(i), Customer(i))))
            .Select(e => (Event: e, Id: NewId.NextGuid()))
            .ToList();

        await Task.WhenAll(events.Concat(events).Select(x => Publish(x.Event, x.Id)));

        await Eventually.True(async () => await first.Query(db => db.DeliveredEffects.CountAsync()) == 12, "all 12 effects were delivered", 40);
        await Task.Delay(1000, TestContext.Current.CancellationToken);
        Assert.Equal(12, Mine().Count);
        Assert.Equal(12, Mine().Select(r => r.Headers["Idempotency-Key"]).Distinct().Count());
        Assert.Equal((8, 4), (Mine().Count(r => r.Path == "/addresses"), Mine().Count(r => r.Path == "/shipments")));
    }

    [Fact]
    public async Task Order_histories_published_all_at_once_end_in_each_orders_final_state()
    {
        var host = await StartHost();
        var orders = Enumerable.Range(1, 4).Select(Order).ToList();
        var events = orders.SelectMany(o => Events.OrderHistory(o, Customer(1))).OrderBy(_ => Random.Shared.Next()).ToList();

        await Task.WhenAll(events.Select(e => Publish(e, NewId.NextGuid())));

        var expected = orders.Select(o => new OrderTrackingView(o, Customer(1), "N-" + o, OrderStatuses.Delivered, "TRK-1", "UPS",
            new DateOnly(2026, 3, 5), Events.At(1), Events.At(4))).ToList();
        await Eventually.True(async () => (await Views(host, orders)).SequenceEqual(expected), "every order reached its final state", 40);
    }

    private static Task<List<OrderTrackingView>> Views(ShippingHost host, List<string> orders) =>
        host.Query(async db => (await db.OrderTracking.Where(x => orders.Contains(x.OrderId)).OrderBy(x => x.OrderId).ToListAsync())
            .Select(OrderTrackingView.From).ToList());

    private string Customer(int n) => $"C-{_run}-{n}";

    private string Order(int n) => $"O-{_run}-{n}";

    private bool IsMine(ReceivedRequest request) => Encoding.UTF8.GetString(request.Body).Contains(_run, StringComparison.Ordinal);

    private List<ReceivedRequest> Mine() => _shippingSystem.Requests.Where(IsMine).ToList();

    private async Task<ShippingHost> StartHost()
    {
        var host = await ShippingHost.Start(new Dictionary<string, string?>
        {
            ["Bus:Transport"] = "RabbitMq",
            ["Bus:EndpointPrefix"] = _prefix,
            ["Bus:RabbitMq:Host"] = servers.RabbitHost,
            ["Bus:RabbitMq:Port"] = servers.RabbitPort.ToString(),
            ["Bus:RabbitMq:Username"] = servers.RabbitUser,
            ["Bus:RabbitMq:Password"] = servers.RabbitPassword,
            ["Database:Provider"] = "Postgres",
            ["Database:ConnectionString"] = _database.ConnectionString,
            ["ExternalSystems:ShippingSystem:BaseUrl"] = _shippingSystem.BaseAddress.ToString(),
            ["ExternalSystems:ShippingSystem:MaxRetryAttempts"] = "1",
            ["ExternalSystems:ShippingSystem:RetryBaseDelay"] = "00:00:00.020",
            ["ExternalSystems:ShippingSystem:BreakerMinimumThroughput"] = "1000",
        });
        _hosts.Add(host);
        var health = await host.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(30));
        Assert.Equal(BusHealthStatus.Healthy, health);
        return host;
    }

    private Task Publish(object message, Guid messageId) =>
        _publisher.Publish(message, Pipe.Execute<PublishContext>(c => c.MessageId = messageId), TestContext.Current.CancellationToken);

    private static Task<int> Receipts(ShippingHost host, Guid messageId, int receipts) =>
        host.Query(db => db.Set<InboxState>().CountAsync(x => x.MessageId == messageId && x.ReceiveCount == receipts && x.Delivered != null));

    /// <summary>Reads the gateway's error queue until this test's command shows up; returns its headers as text.</summary>
    private async Task<Dictionary<string, string>> ReadError(string orderId)
    {
        var factory = new ConnectionFactory { HostName = servers.RabbitHost, Port = servers.RabbitPort, UserName = servers.RabbitUser, Password = servers.RabbitPassword };
        await using var connection = await factory.CreateConnectionAsync(TestContext.Current.CancellationToken);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            // A channel per attempt: reading a queue that MassTransit has not declared yet closes the channel.
            await using var channel = await connection.CreateChannelAsync(cancellationToken: TestContext.Current.CancellationToken);
            BasicGetResult? result = null;
            try
            {
                result = await channel.BasicGetAsync(Gateway + "_error", autoAck: true, TestContext.Current.CancellationToken);
            }
            catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
            {
            }

            if (result is not null && Encoding.UTF8.GetString(result.Body.Span).Contains(orderId, StringComparison.Ordinal))
                return result.BasicProperties.Headers!.ToDictionary(h => h.Key, h => h.Value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : $"{h.Value}");

            if (result is null)
                await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.Fail($"no fault of order {orderId} arrived in {Gateway}_error");
        return [];
    }
}
