using Bus.Consumers.Shipping.Addresses;
using Bus.Consumers.Shipping.Gateway;
using Bus.Consumers.Shipping.Shipments;
using Bus.Consumers.Shipping.Tracking;
using Bus.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Bus.Consumers.Shipping.Persistence;

/// <summary>The shipping service's database (schema <c>shipping</c>): its state, inbox and outbox.</summary>
public sealed class ShippingDbContext(DbContextOptions<ShippingDbContext> options) : DbContext(options)
{
    public const string Schema = "shipping";
    private const int IdLength = 200;
    private const int SequenceLength = 64;
    private const int TextLength = 500;

    public DbSet<ShippingAddress> ShippingAddresses => Set<ShippingAddress>();

    public DbSet<OrderTracking> OrderTracking => Set<OrderTracking>();

    public DbSet<ShipmentRequest> ShipmentRequests => Set<ShipmentRequest>();

    public DbSet<DeliveredEffect> DeliveredEffects => Set<DeliveredEffect>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.AddTransactionalOutboxEntities();

        modelBuilder.Entity<ShippingAddress>(e =>
        {
            e.ToTable("ShippingAddresses");
            e.HasKey(x => x.CustomerId);
            e.Property(x => x.CustomerId).HasMaxLength(IdLength);
            e.Property(x => x.Street).HasMaxLength(TextLength);
            e.Property(x => x.City).HasMaxLength(TextLength);
            e.Property(x => x.PostalCode).HasMaxLength(TextLength);
            e.Property(x => x.Country).HasMaxLength(TextLength);
            e.Property(x => x.LastSequence).HasMaxLength(SequenceLength);
            e.Property(x => x.Revision).IsConcurrencyToken();
            e.Ignore(x => x.Address);
        });

        modelBuilder.Entity<OrderTracking>(e =>
        {
            e.ToTable("OrderTracking");
            e.HasKey(x => x.OrderId);
            e.Property(x => x.OrderId).HasMaxLength(IdLength);
            e.Property(x => x.CustomerId).HasMaxLength(IdLength);
            e.Property(x => x.OrderNumber).HasMaxLength(IdLength);
            e.Property(x => x.Status).HasMaxLength(IdLength);
            e.Property(x => x.TrackingNumber).HasMaxLength(IdLength);
            e.Property(x => x.Carrier).HasMaxLength(IdLength);
            e.Property(x => x.StatusSequence).HasMaxLength(SequenceLength);
            e.Property(x => x.ShipmentSequence).HasMaxLength(SequenceLength);
            e.Property(x => x.Revision).IsConcurrencyToken();
            e.HasIndex(x => x.CustomerId);
        });

        modelBuilder.Entity<ShipmentRequest>(e =>
        {
            e.ToTable("ShipmentRequests");
            e.HasKey(x => x.OrderId);
            e.Property(x => x.OrderId).HasMaxLength(IdLength);
            e.Property(x => x.CustomerId).HasMaxLength(IdLength);
            e.Property(x => x.LastSequence).HasMaxLength(SequenceLength);
            e.Property(x => x.Revision).IsConcurrencyToken();
        });

        modelBuilder.Entity<DeliveredEffect>(e =>
        {
            e.ToTable("DeliveredEffects");
            e.HasKey(x => x.IdempotencyKey);
            e.Property(x => x.IdempotencyKey).HasMaxLength(TextLength);
            e.Property(x => x.Path).HasMaxLength(IdLength);
        });
    }
}
