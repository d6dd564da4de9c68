using System.Collections.Concurrent;
using System.Data;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Bus.Messaging.Outbox.Locking;

/// <summary>
/// Builds the lock statements from the DbContext's model, quoting names with the provider's own rules, so custom table,
/// schema and column names work.
/// </summary>
public abstract class SqlLockStatementProvider : ILockStatementProvider
{
    private readonly ConcurrentDictionary<(Type Context, Type Entity, string Columns), string> _statements = new();

    public string GetRowLockStatement<T>(DbContext context, params string[] propertyNames)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(propertyNames);

        return _statements.GetOrAdd((context.GetType(), typeof(T), string.Join(',', propertyNames)),
            _ => Where(new StringBuilder("SELECT * FROM "), context, typeof(T), propertyNames).Append(RowLockClause).ToString());
    }

    public string GetDeleteStatement<T>(DbContext context, params string[] propertyNames)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(propertyNames);

        return _statements.GetOrAdd((context.GetType(), typeof(T), "DELETE " + string.Join(',', propertyNames)),
            _ => Where(new StringBuilder("DELETE FROM "), context, typeof(T), propertyNames).ToString());
    }

    public virtual string? GetDeliveredStatement(DbContext context) => null;

    public virtual string? GetInboxUpsertStatement(DbContext context) => null;

    /// <summary>
    /// The inbox upsert of <see cref="ILockStatementProvider.GetInboxUpsertStatement"/> for engines with
    /// <c>INSERT … AS alias … ON CONFLICT (…) DO UPDATE … RETURNING *</c> (PostgreSQL).
    /// </summary>
    protected string BuildInboxUpsertStatement(DbContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        return _statements.GetOrAdd((context.GetType(), typeof(InboxState), "UPSERT"), _ =>
        {
            var (table, columns, sql) = Describe(context, typeof(InboxState), nameof(InboxState.MessageId), nameof(InboxState.ConsumerId),
                nameof(InboxState.LockId), nameof(InboxState.RowVersion), nameof(InboxState.Received), nameof(InboxState.ExpirationTime),
                nameof(InboxState.ReceiveCount));
            var c = columns.Select(sql.DelimitIdentifier).ToArray();
            return $"INSERT INTO {table} AS i ({c[0]}, {c[1]}, {c[2]}, {c[3]}, {c[4]}, {c[5]}, {c[6]}) VALUES ({{0}}, {{1}}, {{2}}, {{3}}, {{4}}, {{5}}, 1) "
                + $"ON CONFLICT ({c[0]}, {c[1]}) DO UPDATE SET {c[6]} = i.{c[6]} + 1 RETURNING *";
        });
    }

    /// <summary>
    /// The delivered-outbox statement of <see cref="ILockStatementProvider.GetDeliveredStatement"/> for engines that run a
    /// DELETE in a WITH clause of an UPDATE (PostgreSQL); the DELETE runs whether or not the UPDATE matches a row.
    /// </summary>
    protected string BuildDeliveredStatementWithDeleteInCte(DbContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        return _statements.GetOrAdd((context.GetType(), typeof(InboxState), "DELIVERED"), _ =>
        {
            var remove = Where(new StringBuilder("DELETE FROM "), context, typeof(OutboxMessage),
                [nameof(OutboxMessage.InboxMessageId), nameof(OutboxMessage.InboxConsumerId)], firstParameter: 3);
            var (table, columns, sql) = Describe(context, typeof(InboxState), nameof(InboxState.Delivered), nameof(InboxState.LastSequenceNumber),
                nameof(InboxState.RowVersion), nameof(InboxState.MessageId), nameof(InboxState.ConsumerId));
            var c = columns.Select(sql.DelimitIdentifier).ToArray();
            return $"WITH removed AS ({remove}) UPDATE {table} SET {c[0]} = {{0}}, {c[1]} = {{1}}, {c[2]} = {{2}} "
                + $"WHERE {c[3]} = {{3}} AND {c[4]} = {{4}} AND {c[2]} = {{5}}";
        });
    }

    public string GetOutboxStatement(DbContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        return _statements.GetOrAdd((context.GetType(), typeof(OutboxState), "*"), _ =>
        {
            var (table, columns, sql) = Describe(context, typeof(OutboxState), nameof(OutboxState.Created));
            return $"SELECT * FROM {table} ORDER BY {sql.DelimitIdentifier(columns[0])} LIMIT 1{OutboxLockClause}";
        });
    }

    /// <remarks>
    /// Turns off EF Core's automatic savepoints for the context: by default every SaveChanges inside a transaction is wrapped
    /// in SAVEPOINT/RELEASE SAVEPOINT (two more round trips each, eight per inbox/outbox message). The inbox/outbox never
    /// continues a transaction after a failed SaveChanges — it rolls the whole transaction back — so they protect nothing.
    /// </remarks>
    public virtual Task<IDbContextTransaction> BeginTransactionAsync(DatabaseFacade database, IsolationLevel isolationLevel,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        database.AutoSavepointsEnabled = false;
        return database.BeginTransactionAsync(isolationLevel, cancellationToken);
    }

    public abstract bool IsUniqueViolation(Exception exception);

    /// <summary>Appended to a single-row SELECT to lock the row.</summary>
    protected abstract string RowLockClause { get; }

    /// <summary>Appended to the oldest-outbox SELECT to lock the row and pass over rows other instances hold.</summary>
    protected abstract string OutboxLockClause { get; }

    /// <summary>Appends the table and a WHERE clause that compares each named property's column with a parameter.</summary>
    private static StringBuilder Where(StringBuilder sb, DbContext context, Type entity, string[] propertyNames, int firstParameter = 0)
    {
        var (table, columns, sql) = Describe(context, entity, propertyNames);
        sb.Append(table).Append(" WHERE ");
        for (var i = 0; i < columns.Length; i++)
        {
            if (i > 0)
                sb.Append(" AND ");
            sb.Append(sql.DelimitIdentifier(columns[i])).Append(" = {").Append((firstParameter + i).ToString(CultureInfo.InvariantCulture)).Append('}');
        }

        return sb;
    }

    private static (string Table, string[] Columns, ISqlGenerationHelper Sql) Describe(DbContext context, Type entity, params string[] propertyNames)
    {
        var entityType = context.Model.FindEntityType(entity)
            ?? throw new InvalidOperationException(
                $"{context.GetType().Name} does not map {entity.Name}: call modelBuilder.AddTransactionalOutboxEntities() in OnModelCreating.");
        var tableName = entityType.GetTableName()
            ?? throw new InvalidOperationException($"{entity.Name} is not mapped to a table.");
        var schema = entityType.GetSchema();
        var store = StoreObjectIdentifier.Table(tableName, schema);

        var columns = propertyNames
            .Select(name => entityType.GetProperty(name).GetColumnName(store)
                ?? throw new InvalidOperationException($"{entity.Name}.{name} is not mapped to a column."))
            .ToArray();

        var sql = context.GetService<ISqlGenerationHelper>();
        return (sql.DelimitIdentifier(tableName, schema), columns, sql);
    }
}
