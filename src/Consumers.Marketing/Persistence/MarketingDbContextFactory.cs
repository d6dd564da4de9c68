using Bus.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Bus.Consumers.Marketing.Persistence;

/// <summary>For <c>dotnet ef migrations</c>: the PostgreSQL model (no connection is opened to generate a migration).</summary>
public sealed class MarketingDbContextFactory : IDesignTimeDbContextFactory<MarketingDbContext>
{
    public MarketingDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<MarketingDbContext>();
        ServiceDatabaseExtensions.Configure(builder,
            new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = "Host=127.0.0.1;Username=bus;Password=bus;Database=bus" },
            MarketingDbContext.Schema);
        return new MarketingDbContext(builder.Options);
    }
}
