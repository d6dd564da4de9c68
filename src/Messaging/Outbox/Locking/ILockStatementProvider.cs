using System.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Bus.Messaging.Outbox.Locking;

/// <summary>
/// What the inbox/outbox needs to know about one database engine: how to lock a row for the rest of a transaction, how
/// to begin that transaction, and the statements it runs for every message. Select one with <c>UsePostgres()</c> or <c>UseSqlite()</c>.
/// </summary>
public interface ILockStatementProvider
{
    /// <summary>
    /// A SELECT of all columns of <typeparamref name="T"/> where each named property equals a parameter ({0}, {1}, … in
    /// order), which keeps the matching row locked until the transaction ends.
    /// </summary>
    string GetRowLockStatement<T>(DbContext context, params string[] propertyNames)
        where T : class;

    /// <summary>
    /// A DELETE of the rows of <typeparamref name="T"/> where each named property equals a parameter ({0}, {1}, … in order).
    /// Run with <c>ExecuteSqlRaw</c>, it skips the LINQ compilation an <c>ExecuteDelete</c> costs on every call.
    /// </summary>
    string GetDeleteStatement<T>(DbContext context, params string[] propertyNames)
        where T : class;

    /// <summary>A SELECT of the oldest <see cref="OutboxState"/> row that no other transaction holds, locked.</summary>
    string GetOutboxStatement(DbContext context);

    /// <summary>Begins the transaction in which the row locks are taken.</summary>
    Task<IDbContextTransaction> BeginTransactionAsync(DatabaseFacade database, IsolationLevel isolationLevel, CancellationToken cancellationToken);

    /// <summary>Whether saving failed because another transaction inserted the same unique key first.</summary>
    bool IsUniqueViolation(Exception exception);
}
