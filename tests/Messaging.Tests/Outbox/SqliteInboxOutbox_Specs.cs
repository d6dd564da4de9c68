using Bus.Messaging.Tests.Infrastructure;

namespace Bus.Messaging.Tests.Outbox;

/// <summary>The inbox/outbox contract on the embedded SQLite store of the one-process default.</summary>
public sealed class SqliteInboxOutbox_Specs : InboxOutbox_Specs
{
    protected override Task<TestStore> CreateStore() => Task.FromResult<TestStore>(new SqliteStore());

    protected override int TransactionsPerMessageThatSends => 2;
}
