using Bus.Messaging.Outbox;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Bus.Messaging.Tests.Infrastructure;

/// <summary>A SQLite file of one test, deleted on dispose.</summary>
public sealed class SqliteStore : TestStore
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"bus-outbox-{Guid.NewGuid():N}.db");

    public string ConnectionString => new SqliteConnectionStringBuilder { DataSource = _path, DefaultTimeout = 30 }.ToString();

    public override void ConfigureDbContext(DbContextOptionsBuilder builder) => builder.UseSqlite(ConnectionString);

    public override void ConfigureOutbox(IEntityFrameworkOutboxConfigurator outbox) => outbox.UseSqlite();

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm", _path + "-journal" })
            File.Delete(file);
        return ValueTask.CompletedTask;
    }
}
