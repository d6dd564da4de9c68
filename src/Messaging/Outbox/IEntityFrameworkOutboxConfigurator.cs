using System.Data;
using Bus.Messaging.Outbox.Locking;
using MassTransit;

namespace Bus.Messaging.Outbox;

/// <summary>The settings of <c>AddEntityFrameworkOutbox</c>; the same members as MassTransit.EntityFrameworkCore's configurator.</summary>
public interface IEntityFrameworkOutboxConfigurator : ITransactionalOutboxConfigurator
{
    /// <summary>How long inbox rows are kept after delivery; default <see cref="OutboxDefaults.DuplicateDetectionWindow"/> (7 days).</summary>
    TimeSpan DuplicateDetectionWindow { get; set; }

    /// <summary>Default READ COMMITTED; see <see cref="PostgresLockStatementProvider"/> before changing it.</summary>
    IsolationLevel IsolationLevel { get; set; }

    /// <summary>The database engine; default PostgreSQL. <c>UsePostgres()</c> and <c>UseSqlite()</c> set it.</summary>
    ILockStatementProvider LockStatementProvider { get; set; }

    /// <summary>How long the cleanup (and bus outbox delivery) service waits when it found nothing to do.</summary>
    TimeSpan QueryDelay { get; set; }

    /// <summary>How many rows one cleanup or delivery query handles.</summary>
    int QueryMessageLimit { get; set; }

    TimeSpan QueryTimeout { get; set; }

    /// <summary>Keeps inbox rows forever (or leaves their removal to another process).</summary>
    void DisableInboxCleanupService();

    /// <summary>Stores messages published or sent outside a consumer (through a scoped <c>IPublishEndpoint</c>) in the DbContext.</summary>
    void UseBusOutbox(Action<IEntityFrameworkBusOutboxConfigurator>? configure = null);
}
