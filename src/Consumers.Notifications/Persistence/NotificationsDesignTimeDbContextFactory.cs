using Bus.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Bus.Consumers.Notifications.Persistence;

/// <summary>For <c>dotnet ef migrations</c>: the PostgreSQL model (migrations are PostgreSQL's; SQLite uses EnsureCreated).</summary>
public sealed class NotificationsDesignTimeDbContextFactory : IDesignTimeDbContextFactory<NotificationsDbContext>
{
    public NotificationsDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<NotificationsDbContext>();
        ServiceDatabaseExtensions.Configure(builder, new DatabaseOptions
        {
            Provider = DatabaseProvider.Postgres,
            ConnectionString = "Host=127.0.0.1;Username=bus;Password=bus;Database=bus",
        }, NotificationsDbContext.Schema);
        return new NotificationsDbContext(builder.Options);
    }
}
