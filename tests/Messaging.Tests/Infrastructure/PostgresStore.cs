using Bus.TestSupport;
using System.Data;
using Bus.Messaging.Outbox;
using Bus.Messaging.Outbox.Locking;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Bus.Messaging.Tests.Infrastructure;

public sealed class PostgresStore(PostgresDatabase database) : TestStore
{
    public static async Task<PostgresStore> Create(ServerFixture servers) => new(await servers.CreateDatabase());

    public override void ConfigureDbContext(DbContextOptionsBuilder builder) => builder.UseNpgsql(database.ConnectionString);

    /// <summary>False: the inbox locks and inserts as on an engine without an upsert statement, and retries lost insert races.</summary>
    public bool InboxUpsert { get; set; } = true;

    public override void ConfigureOutbox(IEntityFrameworkOutboxConfigurator outbox)
    {
        outbox.UsePostgres();
        if (!InboxUpsert)
            outbox.LockStatementProvider = new WithoutInboxUpsert(outbox.LockStatementProvider);
    }

    public override ValueTask DisposeAsync() => database.DisposeAsync();
}

/// <summary>PostgreSQL's statements, but no inbox upsert.</summary>
internal sealed class WithoutInboxUpsert(ILockStatementProvider inner) : ILockStatementProvider
{
    public string GetRowLockStatement<T>(DbContext context, params string[] propertyNames)
        where T : class => inner.GetRowLockStatement<T>(context, propertyNames);

    public string GetDeleteStatement<T>(DbContext context, params string[] propertyNames)
        where T : class => inner.GetDeleteStatement<T>(context, propertyNames);

    public string? GetDeliveredStatement(DbContext context) => inner.GetDeliveredStatement(context);

    public string GetOutboxStatement(DbContext context) => inner.GetOutboxStatement(context);

    public Task<IDbContextTransaction> BeginTransactionAsync(DatabaseFacade database, IsolationLevel isolationLevel, CancellationToken cancellationToken) =>
        inner.BeginTransactionAsync(database, isolationLevel, cancellationToken);

    public bool IsUniqueViolation(Exception exception) => inner.IsUniqueViolation(exception);
}
