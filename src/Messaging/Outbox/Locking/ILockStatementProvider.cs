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
    /// Run as raw SQL, it skips the LINQ compilation an <c>ExecuteDelete</c> costs on every call.
    /// </summary>
    string GetDeleteStatement<T>(DbContext context, params string[] propertyNames)
        where T : class;

    /// <summary>
    /// One statement that inserts a message's <see cref="InboxState"/> row, or, when the row exists, increments its
    /// <see cref="InboxState.ReceiveCount"/>, and returns the row locked until the transaction ends (all columns). A copy
    /// that inserts at the same moment waits on the unique key and then finds the row the other one committed. Parameters:
    /// {0} MessageId, {1} ConsumerId, {2} LockId, {3} RowVersion, {4} Received, {5} ExpirationTime. Null when the engine has
    /// no such statement: the inbox then locks with <see cref="GetRowLockStatement{T}"/>, inserts, and retries a lost
    /// insert race.
    /// </summary>
    string? GetInboxUpsertStatement(DbContext context) => null;

    /// <summary>
    /// One statement, outside any transaction, that records an inbox row's outbox as delivered after its messages were sent
    /// without holding the row lock: it removes the row's <see cref="OutboxMessage"/>s and sets <see cref="InboxState.Delivered"/>,
    /// <see cref="InboxState.LastSequenceNumber"/> and <see cref="InboxState.RowVersion"/>, the latter only while the row
    /// still has the version that was committed with the consumer's work. Parameters: {0} Delivered, {1}
    /// LastSequenceNumber, {2} the new RowVersion, {3} MessageId, {4} ConsumerId, {5} the committed RowVersion; it affects
    /// one row when the inbox row was updated. Null when the engine cannot do both in one statement: the delivery then
    /// takes the locked pass.
    /// </summary>
    string? GetDeliveredStatement(DbContext context) => null;

    /// <summary>A SELECT of the oldest <see cref="OutboxState"/> row that no other transaction holds, locked.</summary>
    string GetOutboxStatement(DbContext context);

    /// <summary>Begins the transaction in which the row locks are taken.</summary>
    Task<IDbContextTransaction> BeginTransactionAsync(DatabaseFacade database, IsolationLevel isolationLevel, CancellationToken cancellationToken);

    /// <summary>Whether saving failed because another transaction inserted the same unique key first.</summary>
    bool IsUniqueViolation(Exception exception);
}
