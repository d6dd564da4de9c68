using Bus.TestSupport;
using Bus.Messaging.Tests.Infrastructure;
using MassTransit;

namespace Bus.Messaging.Tests.Outbox;

/// <summary>The inbox/outbox contract on the real PostgreSQL.</summary>
[Trait("Category", "Integration")]
public sealed class PostgresInboxOutbox_Specs(ServerFixture servers) : InboxOutbox_Specs
{
    protected override async Task<TestStore> CreateStore() => await PostgresStore.Create(servers);

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
