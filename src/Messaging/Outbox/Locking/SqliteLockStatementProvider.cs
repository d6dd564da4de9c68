using System.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Bus.Messaging.Outbox.Locking;

/// <summary>
/// SQLite, the embedded store of the one-process default: it has no row locks, so every inbox/outbox transaction takes the
/// database's write lock when it begins (BEGIN IMMEDIATE). Transactions of all consumers in the process therefore run one
/// at a time; a waiting one blocks (up to the connection's command timeout) instead of failing later when it first writes.
/// </summary>
public sealed class SqliteLockStatementProvider : SqlLockStatementProvider
{
    protected override string RowLockClause => string.Empty;

    protected override string OutboxLockClause => string.Empty;

    /// <remarks>
    /// Microsoft.Data.Sqlite begins a non-deferred SERIALIZABLE transaction with BEGIN IMMEDIATE; the isolation level asked for
    /// does not matter, since SQLite transactions are serializable anyway. Savepoints are off as on every provider (see
    /// <see cref="SqlLockStatementProvider.BeginTransactionAsync"/>).
    /// </remarks>
    public override Task<IDbContextTransaction> BeginTransactionAsync(DatabaseFacade database, IsolationLevel isolationLevel,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        database.AutoSavepointsEnabled = false;
        return database.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
    }

    public override bool IsUniqueViolation(Exception exception)
    {
        // The write lock taken at BEGIN means two transactions never race to insert; this covers a row inserted by a
        // process that does not use this provider.
        return exception is DbUpdateException { InnerException: { } inner }
            && inner.Message.Contains("UNIQUE constraint failed", StringComparison.Ordinal);
    }
}
