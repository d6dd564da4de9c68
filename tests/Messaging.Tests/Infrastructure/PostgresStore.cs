using Bus.TestSupport;
using Bus.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Bus.Messaging.Tests.Infrastructure;

public sealed class PostgresStore(PostgresDatabase database) : TestStore
{
    public static async Task<PostgresStore> Create(ServerFixture servers) => new(await servers.CreateDatabase());

    public override void ConfigureDbContext(DbContextOptionsBuilder builder) => builder.UseNpgsql(database.ConnectionString);

    public override void ConfigureOutbox(IEntityFrameworkOutboxConfigurator outbox) => outbox.UsePostgres();

    public override ValueTask DisposeAsync() => database.DisposeAsync();
}
