namespace Bus.TestSupport;

/// <summary>A database of one test, dropped on dispose.</summary>
public sealed class PostgresDatabase(ServerFixture servers, string name) : IAsyncDisposable
{
    public string Name { get; } = name;

    public string ConnectionString => servers.ConnectionString(Name);

    public ValueTask DisposeAsync() => new(servers.DropDatabase(Name));
}
