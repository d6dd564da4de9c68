using Bus.Messaging.Outbox.Locking;
using MassTransit;
using MassTransit.Configuration;
using Microsoft.EntityFrameworkCore;

namespace Bus.Messaging.Outbox;

/// <summary>
/// Registration of the EF Core inbox/outbox, with the names and signatures of MassTransit.EntityFrameworkCore. They live in
/// <c>Bus.Messaging.Outbox</c> rather than <c>MassTransit</c> so that both can be referenced during a switch without
/// ambiguous calls; switching is replacing this namespace's using directive with the official package.
/// </summary>
public static class EntityFrameworkOutboxConfigurationExtensions
{
    /// <summary>
    /// Registers the inbox/outbox of <typeparamref name="TDbContext"/> (which must map the entities, see
    /// <see cref="OutboxModelBuilderExtensions.AddTransactionalOutboxEntities"/>) and the inbox cleanup service. Receive endpoints
    /// opt in with <see cref="UseEntityFrameworkOutbox{TDbContext}"/>.
    /// </summary>
    public static void AddEntityFrameworkOutbox<TDbContext>(this IBusRegistrationConfigurator configurator,
        Action<IEntityFrameworkOutboxConfigurator>? configure = null)
        where TDbContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(configurator);
        new EntityFrameworkOutboxConfigurator<TDbContext>(configurator).Configure(configure);
    }

    /// <summary>
    /// Puts every consumer and saga of this endpoint behind the inbox/outbox: a message (by MessageId) is consumed once per
    /// consumer, and what the consumer publishes or sends is delivered only after its database work committed.
    /// </summary>
    public static void UseEntityFrameworkOutbox<TDbContext>(this IReceiveEndpointConfigurator configurator, IRegistrationContext context,
        Action<IOutboxOptionsConfigurator>? configure = null)
        where TDbContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(configurator);
        ArgumentNullException.ThrowIfNull(context);

        // MassTransit delivers at most MessageDeliveryLimit outbox messages per pass and marks the inbox row delivered only in a
        // pass that found fewer than the limit; its default of 1 costs every message that sends anything an extra transaction.
        var observer = new OutboxConsumePipeSpecificationObserver<TDbContext>(configurator, context) { MessageDeliveryLimit = OutboxDefaults.MessageDeliveryLimit };
        configure?.Invoke(observer);

        configurator.ConnectConsumerConfigurationObserver(observer);
        configurator.ConnectSagaConfigurationObserver(observer);
    }

    /// <summary>PostgreSQL: READ COMMITTED with <c>SELECT … FOR UPDATE</c> row locks.</summary>
    public static IEntityFrameworkOutboxConfigurator UsePostgres(this IEntityFrameworkOutboxConfigurator configurator)
    {
        ArgumentNullException.ThrowIfNull(configurator);
        configurator.LockStatementProvider = new PostgresLockStatementProvider();
        return configurator;
    }

    /// <summary>SQLite, the embedded store: every inbox/outbox transaction takes the database write lock when it begins.</summary>
    public static IEntityFrameworkOutboxConfigurator UseSqlite(this IEntityFrameworkOutboxConfigurator configurator)
    {
        ArgumentNullException.ThrowIfNull(configurator);
        configurator.LockStatementProvider = new SqliteLockStatementProvider();
        return configurator;
    }
}
