using Bus.Consumers.Notifications.Tests.Infrastructure;
using Bus.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Bus.Consumers.Notifications.Tests.Integration;

/// <summary>Duplicates, stale events and two instances, on the real RabbitMQ and PostgreSQL.</summary>
[Trait("Category", "Integration")]
public sealed class Idempotency_Specs(ServerFixture servers)
{
    [Fact]
    public async Task Duplicate_delivery_of_one_event_makes_exactly_one_external_call()
    {
        await using var stack = await RunningService.StartAsync(servers);
        var customer = TestEvents.NewId("C");
        await stack.Handled(await stack.Publish(TestEvents.Registered(customer)));
        var shipped = TestEvents.Shipped(TestEvents.NewId("O"), customer);
        var key = $"notifications-shipment-email:{shipped.Change.StreamEventId}:OrderShipped";
        var messageId = MassTransit.NewId.NextGuid();

        await stack.Publish(shipped, messageId);
        await stack.Publish(shipped, messageId);
        await stack.Handled(messageId, copies: 2);
        await Eventually.True(async () => await stack.Query(db => db.DeliveredEffects.AnyAsync(e => e.IdempotencyKey == key)), "the e-mail was delivered");

        var request = Assert.Single(stack.RequestsWith(key));
        Assert.Equal("/emails", request.Path);
        Assert.Equal(1, await stack.Query(db => db.Notifications.CountAsync(n => n.IdempotencyKey == key)));
    }

    [Fact]
    public async Task A_stale_event_arriving_after_a_newer_one_of_the_same_order_has_no_effect()
    {
        await using var stack = await RunningService.StartAsync(servers);
        var customer = TestEvents.NewId("C");
        var order = TestEvents.NewId("O");
        await stack.Handled(await stack.Publish(TestEvents.Registered(customer)));
        var newer = TestEvents.Shipped(order, customer, version: 5);
        var older = TestEvents.Shipped(order, customer, version: 3);
        var newerKey = $"notifications-shipment-email:{newer.Change.StreamEventId}:OrderShipped";
        var olderKey = $"notifications-shipment-email:{older.Change.StreamEventId}:OrderShipped";

        await stack.Handled(await stack.Publish(newer));
        await stack.Handled(await stack.Publish(older));
        await Eventually.True(async () => await stack.Query(db => db.DeliveredEffects.AnyAsync(e => e.IdempotencyKey == newerKey)), "the newer e-mail was delivered");

        Assert.Single(stack.RequestsWith(newerKey));
        Assert.Empty(stack.RequestsWith(olderKey));
        Assert.Equal([5L], await stack.Query(db => db.Notifications.Where(n => n.OrderId == order).Select(n => n.SourceVersion!.Value).ToListAsync()));
    }

    [Fact]
    public async Task Two_instances_on_the_same_queues_fed_duplicated_events_make_each_effect_exactly_once()
    {
        await using var stack = await RunningService.StartAsync(servers, instances: 2);
        var customer = TestEvents.NewId("C");
        await stack.Handled(await stack.Publish(TestEvents.Registered(customer)));
        var alerts = Enumerable.Range(0, 10).Select(_ => TestEvents.LowStock(TestEvents.NewId("P"))).ToList();
        var emails = Enumerable.Range(0, 5).Select(_ => TestEvents.Shipped(TestEvents.NewId("O"), customer)).ToList();
        var keys = alerts.Select(a => $"notifications-purchasing-alert:{a.Change.StreamEventId}:LowStockDetected")
            .Concat(emails.Select(e => $"notifications-shipment-email:{e.Change.StreamEventId}:OrderShipped")).ToList();
        var messages = alerts.Select(a => (Id: MassTransit.NewId.NextGuid(), Publish: (Func<Guid, Task<Guid>>)(id => stack.Publish(a, id))))
            .Concat(emails.Select(e => (Id: MassTransit.NewId.NextGuid(), Publish: (Func<Guid, Task<Guid>>)(id => stack.Publish(e, id))))).ToList();

        await Task.WhenAll(messages.Concat(messages).Select(m => m.Publish(m.Id)));
        foreach (var message in messages)
            await stack.Handled(message.Id, copies: 2);
        await Eventually.True(async () => await stack.Query(db => db.DeliveredEffects.CountAsync(e => keys.Contains(e.IdempotencyKey))) == 15,
            "all 15 effects were delivered", 30);

        var requests = keys.SelectMany(stack.RequestsWith).ToList();
        Assert.Equal(15, requests.Select(r => r.Headers["Idempotency-Key"]).Distinct().Count());
        Assert.Equal(15, requests.Count);
        Assert.Equal(10, requests.Count(r => r.Path == "/alerts"));
        Assert.Equal(5, requests.Count(r => r.Path == "/emails"));
    }
}
