using Bus.TestSupport;
using Bus.Messaging.Outbox;
using Bus.Messaging.Tests.Infrastructure;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Bus.Messaging.Tests.Outbox;

/// <summary>
/// Two instances of one service consuming one queue on the real RabbitMQ, sharing one PostgreSQL database, as a scaled-out
/// consumer service does. Queue names are unique to the test and deleted afterwards.
/// </summary>
[Trait("Category", "Integration")]
public sealed class RabbitMqInboxOutbox_Specs(ServerFixture servers) : IAsyncLifetime
{
    private readonly string _queue = "outbox-specs-" + Guid.NewGuid().ToString("N")[..12];
    private readonly TestProbe _probe = new();
    private readonly List<ServiceProvider> _instances = [];
    private PostgresStore? _store;

    public async ValueTask InitializeAsync()
    {
        _store = await PostgresStore.Create(servers);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            foreach (var instance in _instances)
            {
                await OutboxTestHost.StopHostedServices(instance);
                await instance.DisposeAsync();
            }
        }
        finally
        {
            await servers.DeleteEndpoints([_queue, _queue + "-recorded", _queue + "-audit"]);
            foreach (var messageType in new[] { typeof(OrderRecorded), typeof(AuditOrder), typeof(OrderSubmitted) })
                servers.SharedExchange($"{messageType.Namespace}:{messageType.Name}");

            if (_store is not null)
                await _store.DisposeAsync();
        }
    }

    [Fact]
    public async Task Two_instances_on_one_queue_apply_each_duplicated_message_once()
    {
        var bus = await StartInstances(retry: true);
        var orders = Enumerable.Range(0, 20).Select(_ => (Order: NewOrder(holdMilliseconds: 20), MessageId: NewId.NextGuid())).ToList();

        await SendAll(bus, orders.Concat(orders).Select(x => (x.Order, x.MessageId)));
        await Eventually.True(() => orders.All(x => _probe.RecordedCount(x.Order.OrderId) == 1 && _probe.AuditedCount(x.Order.OrderId) == 1),
            "every order's event and command were delivered", 40);
        await Eventually.True(async () => await Query(db => db.Set<InboxState>().CountAsync(x => x.ReceiveCount == 2 && x.Delivered != null)) == 20,
            "both copies of every message went through the inbox", 40);
        await Task.Delay(500, TestContext.Current.CancellationToken);

        Assert.All(orders, x => Assert.Equal(1, _probe.Calls(x.Order.OrderId)));
        Assert.All(orders, x => Assert.Equal(1, _probe.RecordedCount(x.Order.OrderId)));
        Assert.All(orders, x => Assert.Equal(1, _probe.AuditedCount(x.Order.OrderId)));
        Assert.Equal(20, await Query(db => db.Effects.CountAsync()));
        Assert.Equal(20, await Query(db => db.Effects.Select(x => x.OrderId).Distinct().CountAsync()));
        Assert.Empty(_probe.Faults);
        Assert.Empty(_probe.ReceiveFaults);
    }

    [Fact]
    public async Task Messages_consumed_side_by_side_each_read_and_update_their_own_inbox_row()
    {
        // The inbox statements' commands are built once per model and shared by every receipt in the process (both instances
        // here), one execution at a time, since EF Core reuses a command's data reader: receipts running side by side (16 per
        // instance) must never read each other's rows.
        var bus = await StartInstances(retry: true);
        var orders = Enumerable.Range(0, 200).Select(_ => (Order: NewOrder(holdMilliseconds: 0), MessageId: NewId.NextGuid())).ToList();

        await SendAll(bus, orders.Select(x => (x.Order, x.MessageId)));
        await Eventually.True(async () => await Query(db => db.Set<InboxState>().CountAsync(x => x.Delivered != null)) == orders.Count,
            "every message's outbox was delivered", 40);
        await Eventually.True(() => orders.All(x => _probe.RecordedCount(x.Order.OrderId) == 1 && _probe.AuditedCount(x.Order.OrderId) == 1),
            "every order's event and command were delivered", 40);
        await Task.Delay(500, TestContext.Current.CancellationToken);

        var rows = await Query(db => db.Set<InboxState>().AsNoTracking().ToListAsync());
        Assert.Equal(orders.Select(x => x.MessageId).Order(), rows.Select(x => x.MessageId).Order());
        Assert.All(rows, row => Assert.Equal(1, row.ReceiveCount));
        Assert.All(orders, x => Assert.Equal(1, _probe.Calls(x.Order.OrderId)));
        Assert.All(orders, x => Assert.Equal(1, _probe.RecordedCount(x.Order.OrderId)));
        Assert.All(orders, x => Assert.Equal(1, _probe.AuditedCount(x.Order.OrderId)));
        Assert.Equal(orders.Count, await Query(db => db.Effects.CountAsync()));
        Assert.Empty(_probe.Faults);
        Assert.Empty(_probe.ReceiveFaults);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Concurrent_copies_on_two_instances_yield_one_effect_at_read_committed_without_serialization_failures(bool inboxUpsert)
    {
        // No retry: any failure, a serialization failure (40001) above all, would fault the message and be counted.
        _store!.InboxUpsert = inboxUpsert;
        var bus = await StartInstances(retry: false);
        var orders = Enumerable.Range(0, 5).Select(_ => (Order: NewOrder(holdMilliseconds: 200), MessageId: NewId.NextGuid())).ToList();

        await SendAll(bus, orders.SelectMany(x => Enumerable.Repeat((x.Order, x.MessageId), 4)));
        await Eventually.True(async () => await Query(db => db.Set<InboxState>().CountAsync(x => x.ReceiveCount == 4 && x.Delivered != null)) == 5,
            "all four copies of every message went through the inbox", 40);
        await Eventually.True(() => orders.All(x => _probe.RecordedCount(x.Order.OrderId) == 1), "every order's event was delivered");
        await Task.Delay(500, TestContext.Current.CancellationToken);

        Assert.All(orders, x => Assert.Equal(1, _probe.Calls(x.Order.OrderId)));
        Assert.All(orders, x => Assert.Equal(1, _probe.RecordedCount(x.Order.OrderId)));
        Assert.Equal(5, await Query(db => db.Effects.CountAsync()));
        Assert.Equal(Enumerable.Repeat("read committed", 5), _probe.IsolationLevels);
        // With the upsert a copy that inserts at the same moment waits on the unique key and never loses a race; without it,
        // the copies race to insert, the losers fail on the key and start over.
        if (inboxUpsert)
            Assert.Equal(0, _probe.InsertRacesLost);
        else
            Assert.True(_probe.InsertRacesLost > 0, "no copy raced another to insert its inbox row");
        Assert.Empty(_probe.Faults);
        Assert.Empty(_probe.ReceiveFaults);
        Assert.DoesNotContain(_probe.Faults.Concat(_probe.ReceiveFaults), e => e.GetBaseException() is PostgresException { SqlState: "40001" });
    }

    private OrderSubmitted NewOrder(int holdMilliseconds) =>
        new() { OrderId = Guid.NewGuid(), HoldMilliseconds = holdMilliseconds, AuditQueue = _queue + "-audit" };

    private async Task<IBus> StartInstances(bool retry)
    {
        var store = _store ?? throw new InvalidOperationException("No store");
        for (var i = 0; i < 2; i++)
        {
            var instance = OutboxTestHost.RabbitMq(servers, store, _probe, _queue, downstream: i == 0, retry);
            _instances.Add(instance);
            if (i == 0)
                await OutboxTestHost.CreateSchema(instance);
            await OutboxTestHost.StartHostedServices(instance);
        }

        foreach (var instance in _instances)
        {
            var health = await instance.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(20));
            Assert.Equal(BusHealthStatus.Healthy, health);
        }

        return _instances[0].GetRequiredService<IBus>();
    }

    private async Task SendAll(IBus bus, IEnumerable<(OrderSubmitted Order, Guid MessageId)> messages)
    {
        var endpoint = await bus.GetSendEndpoint(new Uri($"queue:{_queue}"));
        await Task.WhenAll(messages.Select(x => endpoint.Send(x.Order, c => c.MessageId = x.MessageId, TestContext.Current.CancellationToken)));
    }

    private Task<T> Query<T>(Func<TestDbContext, Task<T>> query) => OutboxTestHost.Query(_instances[0], query);
}
