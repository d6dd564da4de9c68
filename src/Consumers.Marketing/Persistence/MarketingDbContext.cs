using Bus.Consumers.Marketing.Contacts;
using Bus.Consumers.Marketing.Gateway;
using Bus.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Bus.Consumers.Marketing.Persistence;

/// <summary>The service's database (schema <c>marketing</c>): contacts, delivered effects, and the inbox/outbox tables.</summary>
public sealed class MarketingDbContext(DbContextOptions<MarketingDbContext> options) : DbContext(options)
{
    public const string Schema = "marketing";

    public DbSet<MarketingContact> Contacts => Set<MarketingContact>();

    public DbSet<DeliveredEffect> DeliveredEffects => Set<DeliveredEffect>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // SQLite has no schemas (EF would ignore the setting with a warning per table).
        if (!Database.IsSqlite())
        {
            modelBuilder.HasDefaultSchema(Schema);
        }

        var contact = modelBuilder.Entity<MarketingContact>();
        contact.ToTable("MarketingContacts");
        contact.HasKey(x => x.CustomerId);
        contact.Property(x => x.CustomerId).HasMaxLength(200);
        contact.Property(x => x.Email).HasMaxLength(320);
        contact.Property(x => x.RegistrationSequence).HasMaxLength(128);
        contact.Property(x => x.EmailSequence).HasMaxLength(128);
        contact.Property(x => x.ConsentSequence).HasMaxLength(128);
        contact.Property(x => x.DeletionSequence).HasMaxLength(128);
        // Two events of one update (e-mail and consent) may be handled at once: the second writer fails on the revision,
        // is retried, and then sends the state with both changes.
        contact.Property(x => x.Revision).IsConcurrencyToken();

        var effect = modelBuilder.Entity<DeliveredEffect>();
        effect.ToTable("DeliveredEffects");
        effect.HasKey(x => x.IdempotencyKey);
        effect.Property(x => x.IdempotencyKey).HasMaxLength(300);
        effect.Property(x => x.CustomerId).HasMaxLength(200);
        effect.HasIndex(x => x.CustomerId);

        modelBuilder.AddTransactionalOutboxEntities();
    }
}
