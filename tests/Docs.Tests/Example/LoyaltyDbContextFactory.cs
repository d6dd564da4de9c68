using Bus.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Loyalty;

/// <summary>For <c>dotnet ef migrations add</c>: migrations are made for PostgreSQL, where the service runs them.</summary>
public sealed class LoyaltyDbContextFactory : IDesignTimeDbContextFactory<LoyaltyDbContext>
{
    public LoyaltyDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<LoyaltyDbContext>();
        ServiceDatabaseExtensions.Configure(builder,
            new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = "Host=127.0.0.1;Username=bus;Password=bus;Database=bus" },
            LoyaltyDbContext.Schema);
        return new LoyaltyDbContext(builder.Options);
    }
}
