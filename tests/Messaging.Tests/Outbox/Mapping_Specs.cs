using Bus.Messaging.Outbox;
using Bus.Messaging.Outbox.Locking;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Bus.Messaging.Tests.Outbox;

/// <summary>
/// The table layout is MassTransit.EntityFrameworkCore's, so the official package can take over an existing database; the
/// lock statements follow the model. No server needed: the model and SQL are built offline.
/// </summary>
public sealed class Mapping_Specs
{
    [Fact]
    public void Inbox_state_has_a_surrogate_key_and_a_unique_message_and_consumer_pair()
    {
        using var db = Postgres();
        var inbox = db.Model.FindEntityType(typeof(InboxState))!;

        Assert.Equal("InboxState", inbox.GetTableName());
        Assert.Equal(["Id"], inbox.FindPrimaryKey()!.Properties.Select(p => p.Name));
        Assert.Equal("bigint", inbox.FindProperty(nameof(InboxState.Id))!.GetColumnType());
        var alternateKey = Assert.Single(inbox.GetKeys(), k => !k.IsPrimaryKey());
        Assert.Equal(["MessageId", "ConsumerId"], alternateKey.Properties.Select(p => p.Name));
        Assert.Equal("AK_InboxState_MessageId_ConsumerId", alternateKey.GetName());
        Assert.Equal(["IX_InboxState_Delivered"], inbox.GetIndexes().Select(i => i.GetDatabaseName()));
        Assert.True(inbox.FindProperty(nameof(InboxState.RowVersion))!.IsConcurrencyToken);
        Assert.Equal(
            ["Consumed", "ConsumerId", "Delivered", "ExpirationTime", "Id", "LastSequenceNumber", "LockId", "MessageId", "ReceiveCount", "Received", "RowVersion"],
            Columns(inbox));
    }

    [Fact]
    public void Outbox_message_has_an_identity_sequence_number_and_the_official_indexes()
    {
        using var db = Postgres();
        var message = db.Model.FindEntityType(typeof(OutboxMessage))!;

        Assert.Equal("OutboxMessage", message.GetTableName());
        var sequenceNumber = message.FindProperty(nameof(OutboxMessage.SequenceNumber))!;
        Assert.Equal(["SequenceNumber"], message.FindPrimaryKey()!.Properties.Select(p => p.Name));
        Assert.Equal(ValueGenerated.OnAdd, sequenceNumber.ValueGenerated);
        Assert.Equal(
            ["IX_OutboxMessage_EnqueueTime", "IX_OutboxMessage_ExpirationTime", "IX_OutboxMessage_InboxMessageId_InboxConsumerId_SequenceNumber",
                "IX_OutboxMessage_OutboxId_SequenceNumber"],
            message.GetIndexes().Select(i => i.GetDatabaseName()).Order());
        Assert.All(message.GetIndexes().Where(i => i.Properties.Count == 3 || i.Properties[0].Name == "OutboxId"), i => Assert.True(i.IsUnique));
        Assert.Equal(256, message.FindProperty(nameof(OutboxMessage.DestinationAddress))!.GetMaxLength());
        Assert.Equal(256, message.FindProperty(nameof(OutboxMessage.ContentType))!.GetMaxLength());
        Assert.Null(message.FindProperty(nameof(OutboxMessage.Body))!.GetMaxLength());
        Assert.Equal(
            ["Body", "ContentType", "ConversationId", "CorrelationId", "DestinationAddress", "EnqueueTime", "ExpirationTime", "FaultAddress", "Headers",
                "InboxConsumerId", "InboxMessageId", "InitiatorId", "MessageId", "MessageType", "OutboxId", "Properties", "RequestId", "ResponseAddress",
                "SentTime", "SequenceNumber", "SourceAddress"],
            Columns(message));
        Assert.Equal(["FK_OutboxMessage_InboxState_InboxMessageId_InboxConsumerId", "FK_OutboxMessage_OutboxState_OutboxId"],
            message.GetForeignKeys().Select(k => k.GetConstraintName()).Order());
    }

    [Fact]
    public void Outbox_state_is_keyed_by_outbox_id_and_indexed_by_creation()
    {
        using var db = Postgres();
        var state = db.Model.FindEntityType(typeof(OutboxState))!;

        Assert.Equal("OutboxState", state.GetTableName());
        Assert.Equal(["OutboxId"], state.FindPrimaryKey()!.Properties.Select(p => p.Name));
        Assert.Equal(["IX_OutboxState_Created"], state.GetIndexes().Select(i => i.GetDatabaseName()));
        Assert.Equal(["Created", "Delivered", "LastSequenceNumber", "LockId", "OutboxId", "RowVersion"], Columns(state));
    }

    [Fact]
    public void Postgres_locks_the_inbox_row_with_select_for_update()
    {
        using var db = Postgres();
        var provider = new PostgresLockStatementProvider();

        Assert.Equal("SELECT * FROM \"InboxState\" WHERE \"MessageId\" = {0} AND \"ConsumerId\" = {1} FOR UPDATE",
            provider.GetRowLockStatement<InboxState>(db, nameof(InboxState.MessageId), nameof(InboxState.ConsumerId)));
        Assert.Equal("SELECT * FROM \"OutboxState\" ORDER BY \"Created\" LIMIT 1 FOR UPDATE SKIP LOCKED", provider.GetOutboxStatement(db));
        Assert.Equal("DELETE FROM \"OutboxMessage\" WHERE \"InboxMessageId\" = {0} AND \"InboxConsumerId\" = {1}",
            provider.GetDeleteStatement<OutboxMessage>(db, nameof(OutboxMessage.InboxMessageId), nameof(OutboxMessage.InboxConsumerId)));
    }

    [Fact]
    public void Sqlite_reads_the_inbox_row_without_a_lock_clause_because_the_transaction_holds_the_write_lock()
    {
        using var db = new TestDbContext(new DbContextOptionsBuilder<TestDbContext>().UseSqlite("Data Source=:memory:").Options);
        var provider = new SqliteLockStatementProvider();

        Assert.Equal("SELECT * FROM \"InboxState\" WHERE \"MessageId\" = {0} AND \"ConsumerId\" = {1}",
            provider.GetRowLockStatement<InboxState>(db, nameof(InboxState.MessageId), nameof(InboxState.ConsumerId)));
        Assert.Equal("SELECT * FROM \"OutboxState\" ORDER BY \"Created\" LIMIT 1", provider.GetOutboxStatement(db));
        Assert.Null(((ILockStatementProvider)provider).GetDeliveredStatement(db));
        Assert.Null(((ILockStatementProvider)provider).GetInboxUpsertStatement(db));
    }

    [Fact]
    public void Lock_statements_follow_a_custom_schema_and_table_name()
    {
        using var db = new SchemaDbContext(new DbContextOptionsBuilder<SchemaDbContext>().UseNpgsql("Host=127.0.0.1;Database=unused").Options);

        Assert.Equal("SELECT * FROM marketing.inbox_state WHERE \"MessageId\" = {0} AND \"ConsumerId\" = {1} FOR UPDATE",
            new PostgresLockStatementProvider().GetRowLockStatement<InboxState>(db, nameof(InboxState.MessageId), nameof(InboxState.ConsumerId)));
        Assert.Equal("DELETE FROM marketing.outbox_message WHERE inbox_message_id = {0} AND inbox_consumer_id = {1}",
            new PostgresLockStatementProvider().GetDeleteStatement<OutboxMessage>(db, nameof(OutboxMessage.InboxMessageId), nameof(OutboxMessage.InboxConsumerId)));
        Assert.Equal("WITH removed AS (DELETE FROM marketing.outbox_message WHERE inbox_message_id = {3} AND inbox_consumer_id = {4}) "
            + "UPDATE marketing.inbox_state SET \"Delivered\" = {0}, \"LastSequenceNumber\" = {1}, \"RowVersion\" = {2} "
            + "WHERE \"MessageId\" = {3} AND \"ConsumerId\" = {4} AND \"RowVersion\" = {5}",
            ((ILockStatementProvider)new PostgresLockStatementProvider()).GetDeliveredStatement(db));
        Assert.Equal("INSERT INTO marketing.inbox_state AS i (\"MessageId\", \"ConsumerId\", \"LockId\", \"RowVersion\", \"Received\", \"ExpirationTime\", \"ReceiveCount\") "
            + "VALUES ({0}, {1}, {2}, {3}, {4}, {5}, 1) ON CONFLICT (\"MessageId\", \"ConsumerId\") DO UPDATE SET \"ReceiveCount\" = i.\"ReceiveCount\" + 1 RETURNING *",
            ((ILockStatementProvider)new PostgresLockStatementProvider()).GetInboxUpsertStatement(db));
    }

    [Fact]
    public void Unique_violation_is_recognised_by_sql_state_on_postgres()
    {
        var provider = new PostgresLockStatementProvider();

        Assert.True(provider.IsUniqueViolation(new DbUpdateException("insert", new Npgsql.PostgresException("duplicate", "ERROR", "ERROR", "23505"))));
        Assert.False(provider.IsUniqueViolation(new DbUpdateException("insert", new Npgsql.PostgresException("serialization", "ERROR", "ERROR", "40001"))));
        Assert.False(provider.IsUniqueViolation(new InvalidOperationException("other")));
    }

    private static TestDbContext Postgres() =>
        new(new DbContextOptionsBuilder<TestDbContext>().UseNpgsql("Host=127.0.0.1;Database=unused").Options);

    private static List<string> Columns(IEntityType entity)
    {
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        return entity.GetProperties().Select(p => p.GetColumnName(table)!).Order(StringComparer.Ordinal).ToList();
    }

    private sealed class SchemaDbContext(DbContextOptions<SchemaDbContext> options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            modelBuilder.AddInboxStateEntity(inbox => inbox.ToTable("inbox_state", "marketing"));
            modelBuilder.AddOutboxStateEntity();
            modelBuilder.AddOutboxMessageEntity(message =>
            {
                message.ToTable("outbox_message", "marketing");
                message.Property(x => x.InboxMessageId).HasColumnName("inbox_message_id");
                message.Property(x => x.InboxConsumerId).HasColumnName("inbox_consumer_id");
            });
        }
    }
}
