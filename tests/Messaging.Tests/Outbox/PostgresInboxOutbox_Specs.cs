using Bus.TestSupport;
using Bus.Messaging.Tests.Infrastructure;
using Bus.Messaging.Outbox;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Bus.Messaging.Tests.Outbox;

/// <summary>The inbox/outbox contract on the real PostgreSQL.</summary>
[Trait("Category", "Integration")]
public sealed class PostgresInboxOutbox_Specs(ServerFixture servers) : InboxOutbox_Specs
{
    protected override async Task<TestStore> CreateStore() => await PostgresStore.Create(servers);

    protected override int TransactionsPerMessageThatSends => 1;

    [Fact]
    public async Task A_copy_waits_while_another_receipt_delivers_the_outbox_and_delivers_it_itself_once_that_claim_expired()
    {
        await Start();
        var messageId = NewId.NextGuid();
        var order = new OrderSubmitted { OrderId = Guid.NewGuid() };
        Probe.DeliveryOpen = false;
        await Publish(order, messageId);
        await Eventually.True(() => Probe.ReceiveFaults.Count == 1, "the first receipt failed to deliver and went to the error queue");
        await Settle();

        // As if the receipt that consumed had been killed right after its commit, before its lock-free delivery.
        await Claim(messageId, Guid.NewGuid(), DateTime.UtcNow);
        Probe.DeliveryOpen = true;
        await Publish(order, messageId);
        await Task.Delay(1500, TestContext.Current.CancellationToken);
        Assert.Equal(0, Probe.RecordedCount(order.OrderId));
        Assert.Null((await Inbox(messageId))?.Delivered);

        await Claim(messageId, Guid.NewGuid(), DateTime.UtcNow.AddHours(-1));
        await Eventually.True(() => Probe.RecordedCount(order.OrderId) == 1 && Probe.AuditedCount(order.OrderId) == 1, "the copy delivered once the claim expired");
        await Eventually.True(async () => await OutboxMessageCount() == 0, "the delivered outbox rows are removed");
        await Settle();

        Assert.Equal(1, Probe.Calls(order.OrderId));
        Assert.Equal(1, Probe.RecordedCount(order.OrderId));
        Assert.Equal(1, await EffectCount(order.OrderId));
    }

    private Task<int> Claim(Guid messageId, Guid receipt, DateTime consumed) =>
        Query(db => db.Set<InboxState>().Where(x => x.MessageId == messageId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.LockId, receipt).SetProperty(x => x.Consumed, consumed)));

    [Fact]
    public async Task Consumer_transaction_runs_at_read_committed()
    {
        await Start();
        var order = new OrderSubmitted { OrderId = Guid.NewGuid() };

        await Publish(order, NewId.NextGuid());
        await Eventually.True(() => Probe.RecordedCount(order.OrderId) == 1, "the event was delivered");

        Assert.Equal(["read committed"], Probe.IsolationLevels);
    }
}
