using Bus.Consumers.Notifications.Contacts;
using Bus.Consumers.Notifications.Gateway;
using Bus.Consumers.Notifications.Log;
using Bus.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Bus.Consumers.Notifications.Persistence;

/// <summary>The service's database (schema <c>notifications</c>): contacts, the notification log, delivered effects,
/// and the inbox/outbox tables.</summary>
public sealed class NotificationsDbContext(DbContextOptions<NotificationsDbContext> options) : DbContext(options)
{
    public const string Schema = "notifications";

    public DbSet<NotificationContact> Contacts => Set<NotificationContact>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<DeliveredEffect> DeliveredEffects => Set<DeliveredEffect>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.AddTransactionalOutboxEntities();

        var contact = modelBuilder.Entity<NotificationContact>();
        contact.ToTable("NotificationContact");
        contact.HasKey(c => c.CustomerId);
        contact.Property(c => c.CustomerId).HasMaxLength(256);
        contact.Property(c => c.ProfileSequence).HasMaxLength(64);
        contact.Property(c => c.EmailSequence).HasMaxLength(64);
        contact.Property(c => c.PhoneSequence).HasMaxLength(64);
        contact.Property(c => c.Revision).IsConcurrencyToken();

        var notification = modelBuilder.Entity<Notification>();
        notification.ToTable("Notification");
        notification.HasKey(n => n.Id);
        notification.Property(n => n.Id).ValueGeneratedOnAdd();
        notification.Property(n => n.IdempotencyKey).HasMaxLength(512);
        notification.HasIndex(n => n.IdempotencyKey).IsUnique();
        notification.Property(n => n.Kind).HasConversion<string>().HasMaxLength(32);
        notification.Property(n => n.Status).HasConversion<string>().HasMaxLength(32);
        notification.Property(n => n.SkipReason).HasMaxLength(32);
        notification.Property(n => n.EntityKey).HasMaxLength(512);
        notification.HasIndex(n => new { n.Kind, n.EntityKey });
        notification.Property(n => n.CustomerId).HasMaxLength(256);
        notification.Property(n => n.OrderId).HasMaxLength(256);
        notification.Property(n => n.ProductId).HasMaxLength(256);
        notification.Property(n => n.SourceSequence).HasMaxLength(64);

        var effect = modelBuilder.Entity<DeliveredEffect>();
        effect.ToTable("DeliveredEffect");
        effect.HasKey(e => e.IdempotencyKey);
        effect.Property(e => e.IdempotencyKey).HasMaxLength(512);
        effect.Property(e => e.ExternalSystem).HasMaxLength(32);
    }
}
