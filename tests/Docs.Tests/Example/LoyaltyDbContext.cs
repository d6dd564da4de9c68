using Bus.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Loyalty;

/// <summary>The service's database (schema <c>loyalty</c>): its state, its delivered effects, its inbox and outbox.</summary>
public sealed class LoyaltyDbContext(DbContextOptions<LoyaltyDbContext> options) : DbContext(options)
{
    public const string Schema = "loyalty";

    public DbSet<LoyaltyOrder> Orders => Set<LoyaltyOrder>();

    public DbSet<DeliveredEffect> DeliveredEffects => Set<DeliveredEffect>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.AddTransactionalOutboxEntities();
        modelBuilder.Entity<LoyaltyOrder>(e =>
        {
            e.HasKey(x => x.OrderId);
            e.Property(x => x.LastSequence).HasMaxLength(64);
            e.Property(x => x.Revision).IsConcurrencyToken();
        });
        modelBuilder.Entity<DeliveredEffect>(e => e.HasKey(x => x.IdempotencyKey));
    }
}
