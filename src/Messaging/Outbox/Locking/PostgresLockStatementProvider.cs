using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Bus.Messaging.Outbox.Locking;

/// <summary>
/// PostgreSQL: explicit row locks (<c>FOR UPDATE</c>) inside READ COMMITTED transactions. A statement that waited for a
/// lock re-reads the row as committed by the holder, so the waiter sees the holder's work instead of failing with a
/// serialization error (40001) as REPEATABLE READ (snapshot isolation on PostgreSQL) would.
/// </summary>
public sealed class PostgresLockStatementProvider : SqlLockStatementProvider
{
    private const string UniqueViolation = "23505";

    protected override string RowLockClause => " FOR UPDATE";

    protected override string OutboxLockClause => " FOR UPDATE SKIP LOCKED";

    public override string? GetDeliveredStatement(DbContext context) => BuildDeliveredStatementWithDeleteInCte(context);

    public override string? GetInboxUpsertStatement(DbContext context) => BuildInboxUpsertStatement(context);

    public override bool IsUniqueViolation(Exception exception)
    {
        return exception is DbUpdateException { InnerException: DbException { SqlState: UniqueViolation } }
            or DbException { SqlState: UniqueViolation };
    }
}
