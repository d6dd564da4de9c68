using Bus.TestSupport;
using Bus.Messaging.Outbox;
using Bus.Messaging.Tests.Infrastructure;
using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bus.Messaging.Tests.Outbox;

/// <summary>
/// The inbox/outbox contract on one bus (MassTransit's in-memory transport, test harness), run against each store by the
/// derived classes. Every test has a database of its own.
/// </summary>
public abstract class InboxOutbox_Specs : IAsyncLifetime
{
    private const int Attempts = OrderSubmittedConsumerDefinition.RetryLimit + 1;

    private ServiceProvider? _provider;
    private TestStore? _store;

    protected TestProbe Probe { get; } = new();

    protected ServiceProvider Provider => _provider ?? throw new InvalidOperationException("Start the bus first");

    protected ITestHarness Harness => Provider.GetTestHarness();

    protected abstract Task<TestStore> CreateStore();

    /// <summary>
    /// Inbox row locks (transactions) a message takes whose consumer publishes or sends: one where the engine records the
    /// delivery in one statement after the commit (PostgreSQL), else two (consume and commit; then deliver, mark delivered
    /// and remove the rows; MassTransit's own provider takes a third).
    /// </summary>
    protected abstract int TransactionsPerMessageThatSends { get; }

    public async ValueTask InitializeAsync()
    {
        _store = await CreateStore();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_provider is not null)
            {
                await Harness.Stop();
                await _provider.DisposeAsync();
            }
        }
        finally
        {
            if (_store is not null)
                await _store.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Duplicate_delivery_is_consumed_once()
    {
        await Start();
        var messageId = NewId.NextGuid();
        var order = new OrderSubmitted { OrderId = Guid.NewGuid(), HoldMilliseconds = 100 };

        await Task.WhenAll(Publish(order, messageId), Publish(order, messageId));

        await Eventually.True(async () => await Inbox(messageId) is { ReceiveCount: 2, Delivered: not null }, "both copies went through the inbox");
        await Eventually.True(async () => await OutboxMessageCount() == 0, "the delivered outbox rows are removed");
        await Settle();

        Assert.Equal(1, Probe.Calls(order.OrderId));
        Assert.Equal(1, await EffectCount(order.OrderId));
        Assert.Equal(1, Probe.RecordedCount(order.OrderId));
        Assert.Equal(1, Probe.AuditedCount(order.OrderId));
        Assert.Equal(1, await Query(db => db.Set<InboxState>().CountAsync()));
        Assert.Empty(Probe.Faults);
    }

    [Fact]
    public async Task A_message_whose_outbox_is_delivered_at_once_takes_the_fewest_transactions_and_is_never_seen_delivered_with_rows_left()
    {
        await Start();
        var messageId = NewId.NextGuid();
        var order = new OrderSubmitted { OrderId = Guid.NewGuid() };

        await Publish(order, messageId);

        await Eventually.True(async () => await Inbox(messageId) is { Delivered: not null }, "the outbox was delivered");
        // Marked delivered and emptied at once: there is no moment in which the row says delivered and its rows remain.
        Assert.Equal(0, await Query(db => db.Set<OutboxMessage>().CountAsync(x => x.InboxMessageId == messageId)));
        await Eventually.True(() => Probe.RecordedCount(order.OrderId) == 1 && Probe.AuditedCount(order.OrderId) == 1, "both messages arrived");
        await Settle();

        Assert.Equal(TransactionsPerMessageThatSends, Probe.InboxLocks.GetValueOrDefault(messageId));
        Assert.Equal(1, Probe.Calls(order.OrderId));
        Assert.Equal(1, await EffectCount(order.OrderId));
    }

    [Fact]
    public async Task A_message_whose_consumer_sends_nothing_is_consumed_and_marked_delivered_in_one_transaction()
    {
        await Start();
        var messageId = NewId.NextGuid();
        var order = new OrderSubmitted { OrderId = Guid.NewGuid(), SendNothing = true };

        await Publish(order, messageId);

        await Eventually.True(async () => await Inbox(messageId) is { Consumed: not null, Delivered: not null }, "the message was consumed and its empty outbox delivered");
        await Settle();

        Assert.Equal(1, Probe.InboxLocks.GetValueOrDefault(messageId));
        Assert.Equal(1, Probe.Calls(order.OrderId));
        Assert.Equal(1, await EffectCount(order.OrderId));
        Assert.Equal(0, await OutboxMessageCount());
        Assert.Equal(0, Probe.RecordedCount(order.OrderId));
        Assert.True(await Harness.Consumed.Any<OrderSubmitted>(x => x.Context.Message.OrderId == order.OrderId, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Consumer_that_throws_after_writing_and_publishing_leaves_no_rows_and_no_messages()
    {
        await Start();
        var messageId = NewId.NextGuid();
        var order = new OrderSubmitted { OrderId = Guid.NewGuid(), FailTimes = int.MaxValue };

        await Publish(order, messageId);

        // Polled against a deadline, not the harness's Any: that gives up after 500 ms without bus activity, which four
        // attempts with a rollback each can take on a loaded machine (it failed a CI run so).
        await Eventually.True(
            () => Harness.Published.Select<Fault<OrderSubmitted>>(x => x.Context.Message.Message.OrderId == order.OrderId).Any(),
            "the fault was published after the last attempt");
        await Settle();

        Assert.Equal(Attempts, Probe.Calls(order.OrderId));
        Assert.Single(Probe.Faults);
        Assert.Equal(0, await EffectCount(order.OrderId));
        Assert.Equal(0, await OutboxMessageCount());
        Assert.Null(await Inbox(messageId));
        Assert.Equal(0, Probe.RecordedCount(order.OrderId));
        Assert.Equal(0, Probe.AuditedCount(order.OrderId));
    }

    [Fact]
    public async Task Consumer_that_fails_twice_commits_its_writes_and_messages_once_on_the_third_attempt()
    {
        await Start();
        var messageId = NewId.NextGuid();
        var order = new OrderSubmitted { OrderId = Guid.NewGuid(), FailTimes = 2 };

        await Publish(order, messageId);

        await Eventually.True(async () => await Inbox(messageId) is { Delivered: not null }, "the outbox was delivered");
        await Eventually.True(() => Probe.RecordedCount(order.OrderId) == 1 && Probe.AuditedCount(order.OrderId) == 1, "both messages arrived");
        await Settle();

        Assert.Equal(3, Probe.Calls(order.OrderId));
        Assert.Empty(Probe.Faults);
        Assert.Equal(1, await EffectCount(order.OrderId));
        Assert.Equal(1, Probe.RecordedCount(order.OrderId));
        Assert.Equal(1, Probe.AuditedCount(order.OrderId));
        var inbox = await Inbox(messageId);
        Assert.NotNull(inbox);
        Assert.Equal(1, inbox.ReceiveCount);
        Assert.NotNull(inbox.Consumed);
    }

    [Fact]
    public async Task Crash_between_commit_and_delivery_is_repaired_when_the_message_is_redelivered()
    {
        await Start();
        var messageId = NewId.NextGuid();
        var order = new OrderSubmitted { OrderId = Guid.NewGuid() };

        Probe.DeliveryOpen = false;
        await Publish(order, messageId);
        await Eventually.True(() => Probe.ReceiveFaults.Count == 1, "the message failed after its retries and went to the error queue");
        await Settle();

        var crashed = await Inbox(messageId);
        Assert.NotNull(crashed);
        Assert.NotNull(crashed.Consumed);
        Assert.Null(crashed.Delivered);
        Assert.Equal(1, Probe.Calls(order.OrderId));
        Assert.Equal(1, await EffectCount(order.OrderId));
        Assert.Equal(2, await OutboxMessageCount());
        Assert.Equal(0, Probe.RecordedCount(order.OrderId));

        Probe.DeliveryOpen = true;
        await Publish(order, messageId);

        await Eventually.True(async () => await Inbox(messageId) is { Delivered: not null }, "the redelivery delivered the outbox");
        await Eventually.True(async () => await OutboxMessageCount() == 0, "the delivered outbox rows are removed");
        await Settle();

        Assert.Equal(1, Probe.Calls(order.OrderId));
        Assert.Equal(1, await EffectCount(order.OrderId));
        Assert.Equal(1, Probe.RecordedCount(order.OrderId));
        Assert.Equal(1, Probe.AuditedCount(order.OrderId));
    }

    [Fact]
    public async Task Inbox_rows_are_removed_after_the_duplicate_detection_window_and_not_before_delivery()
    {
        var pendingMessageId = NewId.NextGuid();
        await Start(o =>
        {
            o.DuplicateDetectionWindow = TimeSpan.FromSeconds(1);
            o.QueryDelay = TimeSpan.FromMilliseconds(100);
        }, async db =>
        {
            db.Add(new InboxState { MessageId = pendingMessageId, ConsumerId = Guid.NewGuid(), Received = DateTime.UtcNow.AddDays(-30), ReceiveCount = 1 });
            await db.SaveChangesAsync();
        });
        var messageId = NewId.NextGuid();
        var order = new OrderSubmitted { OrderId = Guid.NewGuid() };

        await Publish(order, messageId);
        await Eventually.True(async () => await Inbox(messageId) is { Delivered: not null }, "the outbox was delivered");
        await Eventually.True(async () => await Inbox(messageId) is null, "the cleanup removed the inbox row");

        var remaining = await Query(db => db.Set<InboxState>().Select(x => x.MessageId).ToListAsync());
        Assert.Equal([pendingMessageId], remaining);

        // Past the window a copy is consumed again: why every external effect must also be unique on its source event.
        await Publish(order, messageId);
        await Eventually.True(() => Probe.Calls(order.OrderId) == 2, "the late copy was consumed");
        await Eventually.True(() => Probe.RecordedCount(order.OrderId) == 2, "the late copy's event was delivered");
        Assert.Equal(2, await EffectCount(order.OrderId));
    }

    [Fact]
    public async Task Bus_outbox_delivers_messages_published_outside_a_consumer_in_order_after_SaveChanges()
    {
        await Start(o =>
        {
            o.QueryDelay = TimeSpan.FromMilliseconds(100);
            o.UseBusOutbox();
        });
        var orders = Enumerable.Range(0, 10).Select(_ => Guid.NewGuid()).ToList();

        await using (var scope = Provider.CreateAsyncScope())
        {
            var publishEndpoint = scope.ServiceProvider.GetRequiredService<IPublishEndpoint>();
            var dbContext = scope.ServiceProvider.GetRequiredService<TestDbContext>();
            foreach (var orderId in orders)
                await publishEndpoint.Publish(new OrderRecorded { OrderId = orderId }, TestContext.Current.CancellationToken);
            dbContext.Effects.Add(new Effect { OrderId = orders[0], MessageId = Guid.NewGuid() });

            await Task.Delay(300, TestContext.Current.CancellationToken);
            Assert.Empty(Probe.RecordedSequence);

            await dbContext.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await Eventually.True(() => Probe.RecordedSequence.Count == orders.Count, "every published message was delivered");
        await Eventually.True(async () => await OutboxMessageCount() == 0 && await Query(db => db.Set<OutboxState>().CountAsync()) == 0,
            "the delivered outbox was removed");
        await Settle();

        Assert.Equal(orders, Probe.RecordedSequence);
        Assert.Equal(1, await EffectCount(orders[0]));
    }

    [Fact]
    public async Task Bus_outbox_discards_messages_of_a_scope_that_does_not_save()
    {
        await Start(o =>
        {
            o.QueryDelay = TimeSpan.FromMilliseconds(100);
            o.UseBusOutbox();
        });
        var orderId = Guid.NewGuid();

        await using (var scope = Provider.CreateAsyncScope())
        {
            var publishEndpoint = scope.ServiceProvider.GetRequiredService<IPublishEndpoint>();
            await publishEndpoint.Publish(new OrderRecorded { OrderId = orderId }, TestContext.Current.CancellationToken);
        }

        await Task.Delay(500, TestContext.Current.CancellationToken);
        await Settle();

        Assert.Equal(0, Probe.RecordedCount(orderId));
        Assert.Equal(0, await OutboxMessageCount());
        Assert.Equal(0, await Query(db => db.Set<OutboxState>().CountAsync()));
    }

    protected async Task Start(Action<IEntityFrameworkOutboxConfigurator>? outbox = null, Func<TestDbContext, Task>? seed = null)
    {
        var store = _store ?? throw new InvalidOperationException("No store");
        _provider = OutboxTestHost.Harness(store, Probe, outbox);
        await OutboxTestHost.CreateSchema(_provider);
        if (seed is not null)
            await OutboxTestHost.Query(_provider, async db => { await seed(db); return true; });

        Harness.TestInactivityTimeout = TimeSpan.FromMilliseconds(500);
        await Harness.Start();
    }

    protected Task Publish(OrderSubmitted message, Guid messageId) =>
        Harness.Bus.Publish(message, c => c.MessageId = messageId, TestContext.Current.CancellationToken);

    /// <summary>Waits until the bus was idle for a moment, so that a late duplicate would have been counted.</summary>
    protected async Task Settle() => await Harness.InactivityTask;

    protected Task<T> Query<T>(Func<TestDbContext, Task<T>> query) => OutboxTestHost.Query(Provider, query);

    protected Task<InboxState?> Inbox(Guid messageId) =>
        Query(db => db.Set<InboxState>().AsNoTracking().SingleOrDefaultAsync(x => x.MessageId == messageId));

    protected Task<int> EffectCount(Guid orderId) => Query(db => db.Effects.CountAsync(x => x.OrderId == orderId));

    protected Task<int> OutboxMessageCount() => Query(db => db.Set<OutboxMessage>().CountAsync());
}
