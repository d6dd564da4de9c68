using Bus.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Bus.Messaging.Tests.Outbox;

/// <summary>A service's own DbContext: its table of effects plus the inbox/outbox tables.</summary>
public sealed class TestDbContext(DbContextOptions<TestDbContext> options) : DbContext(options)
{
    public DbSet<Effect> Effects => Set<Effect>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Effect>().HasKey(x => x.Id);
        modelBuilder.AddInboxStateEntity();
        modelBuilder.AddOutboxMessageEntity();
        modelBuilder.AddOutboxStateEntity();
    }
}
