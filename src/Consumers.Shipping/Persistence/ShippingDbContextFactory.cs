using Bus.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Bus.Consumers.Shipping.Persistence;

/// <summary>For <c>dotnet ef</c>: migrations are generated for PostgreSQL, as the service runs them.</summary>
public sealed class ShippingDbContextFactory : IDesignTimeDbContextFactory<ShippingDbContext>
{
    public ShippingDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<ShippingDbContext>();
        ServiceDatabaseExtensions.Configure(builder,
            new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = "Host=127.0.0.1;Username=bus;Password=bus;Database=bus" },
            ShippingDbContext.Schema);
        return new ShippingDbContext(builder.Options);
    }
}
