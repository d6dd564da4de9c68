using System.Data.Common;
using Bus.Messaging.Tests.Outbox;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Bus.Messaging.Tests.Infrastructure;

/// <summary>
/// Counts the inbox/outbox transactions of each received message: every one of them starts by locking the message's inbox row,
/// with the lock statement (<c>SELECT * FROM … "InboxState" WHERE "MessageId" = … AND "ConsumerId" = …</c>, the only
/// <c>SELECT *</c> EF Core sends for the inbox here; its own queries name their columns) or, on a receipt's first pass on
/// PostgreSQL, the upsert (<c>INSERT INTO … "InboxState" AS i … RETURNING *</c>). Both take the message id as first parameter.
/// </summary>
public sealed class InboxLockCounter(TestProbe probe) : DbCommandInterceptor
{
    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Count(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Count(command);
        return ValueTask.FromResult(result);
    }

    private void Count(DbCommand command)
    {
        var text = command.CommandText;
        if (!(text.StartsWith("SELECT * FROM", StringComparison.Ordinal) || (text.StartsWith("INSERT INTO", StringComparison.Ordinal) && text.TrimEnd().EndsWith("RETURNING *", StringComparison.Ordinal)))
            || !text.Contains("\"InboxState\"", StringComparison.Ordinal)
            || command.Parameters.Count == 0)
        {
            return;
        }

        var messageId = command.Parameters[0].Value switch
        {
            Guid guid => guid,
            string value when Guid.TryParse(value, out var parsed) => parsed,
            _ => (Guid?)null,
        };
        if (messageId is { } id)
            TestProbe.Increment(probe.InboxLocks, id);
    }
}
