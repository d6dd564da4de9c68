using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bus.Messaging.Outbox;

/// <summary>
/// Adds the inbox/outbox tables to a service's own DbContext. Table, column, key and index names are those of
/// MassTransit.EntityFrameworkCore, so a database created with these mappings works unchanged with the official package.
/// </summary>
public static class OutboxModelBuilderExtensions
{
    /// <summary>Adds all three entities: <see cref="InboxState"/>, <see cref="OutboxState"/> and <see cref="OutboxMessage"/>.</summary>
    public static ModelBuilder AddTransactionalOutboxEntities(this ModelBuilder modelBuilder)
    {
        return modelBuilder.AddInboxStateEntity().AddOutboxStateEntity().AddOutboxMessageEntity();
    }

    public static ModelBuilder AddInboxStateEntity(this ModelBuilder modelBuilder, Action<EntityTypeBuilder<InboxState>>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        var inbox = modelBuilder.Entity<InboxState>();
        OptOutOfLengthConventions(inbox);

        inbox.HasKey(p => p.Id);
        inbox.HasAlternateKey(p => new { p.MessageId, p.ConsumerId });
        inbox.Property(p => p.RowVersion).IsConcurrencyToken();
        inbox.HasIndex(p => p.Delivered);

        configure?.Invoke(inbox);
        return modelBuilder;
    }

    public static ModelBuilder AddOutboxStateEntity(this ModelBuilder modelBuilder, Action<EntityTypeBuilder<OutboxState>>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        var outbox = modelBuilder.Entity<OutboxState>();
        OptOutOfLengthConventions(outbox);

        outbox.HasKey(p => p.OutboxId);
        outbox.Property(p => p.OutboxId).ValueGeneratedNever();
        outbox.Property(p => p.RowVersion).IsConcurrencyToken();
        outbox.HasIndex(p => p.Created);

        configure?.Invoke(outbox);
        return modelBuilder;
    }

    /// <remarks>
    /// References <see cref="InboxState"/> and <see cref="OutboxState"/> through foreign keys, as the official package does, so
    /// call <see cref="AddInboxStateEntity"/> and <see cref="AddOutboxStateEntity"/> too (or <see cref="AddTransactionalOutboxEntities"/>).
    /// </remarks>
    public static ModelBuilder AddOutboxMessageEntity(this ModelBuilder modelBuilder, Action<EntityTypeBuilder<OutboxMessage>>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        var message = modelBuilder.Entity<OutboxMessage>();
        OptOutOfLengthConventions(message);

        message.HasKey(p => p.SequenceNumber);
        message.Property(p => p.SequenceNumber).ValueGeneratedOnAdd();

        message.Property(p => p.SourceAddress).HasMaxLength(256);
        message.Property(p => p.DestinationAddress).HasMaxLength(256);
        message.Property(p => p.ResponseAddress).HasMaxLength(256);
        message.Property(p => p.FaultAddress).HasMaxLength(256);
        message.Property(p => p.ContentType).HasMaxLength(256);

        message.HasIndex(p => p.ExpirationTime);
        message.HasIndex(p => p.EnqueueTime);

        message.HasIndex(p => new { p.InboxMessageId, p.InboxConsumerId, p.SequenceNumber }).IsUnique();
        message.HasOne<InboxState>().WithMany().IsRequired(false)
            .HasForeignKey(p => new { p.InboxMessageId, p.InboxConsumerId })
            .HasPrincipalKey(p => new { p.MessageId, p.ConsumerId });

        message.HasIndex(p => new { p.OutboxId, p.SequenceNumber }).IsUnique();
        message.HasOne<OutboxState>().WithMany().IsRequired(false).HasForeignKey(p => p.OutboxId);

        configure?.Invoke(message);
        return modelBuilder;
    }

    // Provider conventions (e.g. a default string length) must not change the official package's column types.
    private static void OptOutOfLengthConventions(EntityTypeBuilder builder)
    {
        foreach (var property in builder.Metadata.GetProperties())
            property.SetMaxLength(null);
    }
}
