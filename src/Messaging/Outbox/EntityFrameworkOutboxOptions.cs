using System.Data;
using Bus.Messaging.Outbox.Locking;
using Microsoft.EntityFrameworkCore;

namespace Bus.Messaging.Outbox;

/// <summary>How the inbox/outbox of <typeparamref name="TDbContext"/> talks to its database; set through <c>AddEntityFrameworkOutbox</c>.</summary>
public class EntityFrameworkOutboxOptions<TDbContext>
    where TDbContext : DbContext
{
    /// <summary>READ COMMITTED: the row locks, not the isolation level, make concurrent consumers safe.</summary>
    public IsolationLevel IsolationLevel { get; set; } = IsolationLevel.ReadCommitted;

    public ILockStatementProvider LockStatementProvider { get; set; } = new PostgresLockStatementProvider();
}
