using Bus.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Bus.Messaging.Tests.Infrastructure;

/// <summary>The database a test runs on: PostgreSQL or the embedded SQLite store.</summary>
public abstract class TestStore : IAsyncDisposable
{
    public abstract void ConfigureDbContext(DbContextOptionsBuilder builder);

    public abstract void ConfigureOutbox(IEntityFrameworkOutboxConfigurator outbox);

    public abstract ValueTask DisposeAsync();
}
