using System.Data;
using Bus.Messaging.Outbox.Locking;
using Bus.Messaging.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Bus.Messaging.Tests.Outbox;

/// <summary>The embedded store's locking: the inbox/outbox transaction owns the database write lock from its first statement.</summary>
public sealed class SqliteLocking_Specs : IAsyncLifetime
{
    private readonly SqliteStore _store = new();

    public async ValueTask InitializeAsync()
    {
        await using var db = Create(_store.ConnectionString);
        await db.Database.EnsureCreatedAsync(TestContext.Current.CancellationToken);
    }

    public ValueTask DisposeAsync() => _store.DisposeAsync();

    [Fact]
    public async Task Inbox_transaction_takes_the_write_lock_when_it_begins()
    {
        var provider = new SqliteLockStatementProvider();
        await using var first = Create(_store.ConnectionString);
        await using var second = Create(new SqliteConnectionStringBuilder(_store.ConnectionString) { DefaultTimeout = 1 }.ToString());

        await using var held = await provider.BeginTransactionAsync(first.Database, IsolationLevel.ReadCommitted, TestContext.Current.CancellationToken);

        var blocked = await Assert.ThrowsAsync<SqliteException>(() =>
            provider.BeginTransactionAsync(second.Database, IsolationLevel.ReadCommitted, TestContext.Current.CancellationToken));
        Assert.Equal(5, blocked.SqliteErrorCode);

        await held.RollbackAsync(TestContext.Current.CancellationToken);
        await using var next = await provider.BeginTransactionAsync(second.Database, IsolationLevel.ReadCommitted, TestContext.Current.CancellationToken);
        Assert.NotNull(next.GetDbTransaction());
    }

    private static TestDbContext Create(string connectionString) =>
        new(new DbContextOptionsBuilder<TestDbContext>().UseSqlite(connectionString).Options);
}
