using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Bus.Messaging.Outbox;

/// <summary>
/// Runs an inbox statement that returns the <see cref="InboxState"/> row (the row lock's <c>SELECT *</c>, the upsert's
/// <c>RETURNING *</c>) as a raw SQL command and tracks the row it returns, as <c>FromSqlRaw(…).AsTracking()</c> would.
/// </summary>
/// <remarks>
/// A <c>FromSqlRaw</c> query cannot be compiled, so EF Core builds and looks up its expression tree on every call; this
/// statement runs for every message. The command goes through EF Core's relational command pipeline (<see cref="RawStatement"/>),
/// and the row is read with the model's own type mappings, so it works on every provider the statements are built for.
/// </remarks>
internal static class InboxRowReader
{
    private static readonly ConditionalWeakTable<IModel, Columns> ByModel = new();

    /// <summary>
    /// Runs <paramref name="sql"/> (parameters {0}, {1}, …; a null is sent as SQL NULL) in the context's current transaction
    /// and returns the one row it returned, tracked as unchanged, or null when it returned none. A row the context tracks
    /// already is returned as tracked (identity resolution), as a tracking query would.
    /// </summary>
    public static async Task<InboxState?> ReadAsync(DbContext dbContext, string sql, object?[] parameters, CancellationToken cancellationToken)
    {
        var columns = ByModel.GetValue(dbContext.Model, static model => new Columns(model));
        var row = await RawStatement.ReadSingleAsync(dbContext, sql, parameters, columns.ReadRow, cancellationToken).ConfigureAwait(false);
        if (row is null)
            return null;

        var tracked = dbContext.ChangeTracker.Entries<InboxState>().FirstOrDefault(entry => entry.Entity.Id == row.Id);
        if (tracked is not null)
            return tracked.Entity;

        dbContext.Attach(row);
        return row;
    }

    /// <summary>The inbox table's column names and type mappings in the model, found once per model.</summary>
    private sealed class Columns
    {
        private readonly Column _id;
        private readonly Column _messageId;
        private readonly Column _consumerId;
        private readonly Column _lockId;
        private readonly Column _rowVersion;
        private readonly Column _received;
        private readonly Column _receiveCount;
        private readonly Column _expirationTime;
        private readonly Column _consumed;
        private readonly Column _delivered;
        private readonly Column _lastSequenceNumber;

        public Columns(IModel model)
        {
            var entityType = model.FindEntityType(typeof(InboxState))
                ?? throw new InvalidOperationException("The model does not map InboxState: call modelBuilder.AddTransactionalOutboxEntities() in OnModelCreating.");
            var table = StoreObjectIdentifier.Table(entityType.GetTableName()
                ?? throw new InvalidOperationException("InboxState is not mapped to a table."), entityType.GetSchema());

            Column Of(string name)
            {
                var property = entityType.GetProperty(name);
                return new Column(property.GetColumnName(table) ?? throw new InvalidOperationException($"InboxState.{name} is not mapped to a column."),
                    property.GetRelationalTypeMapping().Converter);
            }

            _id = Of(nameof(InboxState.Id));
            _messageId = Of(nameof(InboxState.MessageId));
            _consumerId = Of(nameof(InboxState.ConsumerId));
            _lockId = Of(nameof(InboxState.LockId));
            _rowVersion = Of(nameof(InboxState.RowVersion));
            _received = Of(nameof(InboxState.Received));
            _receiveCount = Of(nameof(InboxState.ReceiveCount));
            _expirationTime = Of(nameof(InboxState.ExpirationTime));
            _consumed = Of(nameof(InboxState.Consumed));
            _delivered = Of(nameof(InboxState.Delivered));
            _lastSequenceNumber = Of(nameof(InboxState.LastSequenceNumber));
            ReadRow = Read;
        }

        /// <summary><see cref="Read"/> as one delegate for the model, not a new one for every message.</summary>
        public Func<DbDataReader, InboxState> ReadRow { get; }

        public InboxState Read(DbDataReader reader) => new()
        {
            Id = _id.Read<long>(reader),
            MessageId = _messageId.Read<Guid>(reader),
            ConsumerId = _consumerId.Read<Guid>(reader),
            LockId = _lockId.Read<Guid>(reader),
            RowVersion = _rowVersion.ReadReference<byte[]>(reader),
            Received = _received.Read<DateTime>(reader),
            ReceiveCount = _receiveCount.Read<int>(reader),
            ExpirationTime = _expirationTime.ReadNullable<DateTime>(reader),
            Consumed = _consumed.ReadNullable<DateTime>(reader),
            Delivered = _delivered.ReadNullable<DateTime>(reader),
            LastSequenceNumber = _lastSequenceNumber.ReadNullable<long>(reader),
        };
    }

    /// <summary>One column: read by name, through the property's value converter when the mapping has one.</summary>
    private sealed record Column(string Name, ValueConverter? Converter)
    {
        public T Read<T>(DbDataReader reader)
            where T : struct =>
            ReadNullable<T>(reader) ?? throw new InvalidOperationException($"The inbox row's {Name} is null.");

        public T? ReadNullable<T>(DbDataReader reader)
            where T : struct
        {
            var ordinal = reader.GetOrdinal(Name);
            if (reader.IsDBNull(ordinal))
                return null;
            return Converter is null ? reader.GetFieldValue<T>(ordinal) : (T)Converter.ConvertFromProvider(reader.GetValue(ordinal))!;
        }

        public T? ReadReference<T>(DbDataReader reader)
            where T : class
        {
            var ordinal = reader.GetOrdinal(Name);
            if (reader.IsDBNull(ordinal))
                return null;
            return Converter is null ? reader.GetFieldValue<T>(ordinal) : (T?)Converter.ConvertFromProvider(reader.GetValue(ordinal));
        }
    }
}
