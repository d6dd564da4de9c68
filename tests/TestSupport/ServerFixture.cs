using System.Collections.Concurrent;
using Npgsql;
using RabbitMQ.Client;


namespace Bus.TestSupport;

/// <summary>
/// The PostgreSQL and RabbitMQ that scripts/servers.sh started, read from the BUS_PG_* and BUS_RABBITMQ_* variables.
/// Tests get a database and queue names of their own and give them back; exchanges that outlive one test (those named after
/// message types) are removed when the assembly is done.
/// </summary>
public sealed class ServerFixture : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, byte> _exchanges = new();

    public ServerFixture()
    {
        PgHost = Setting("BUS_PG_HOST", "127.0.0.1");
        PgPort = int.Parse(Setting("BUS_PG_PORT", "5432"), System.Globalization.CultureInfo.InvariantCulture);
        PgUser = Setting("BUS_PG_USER", "bus");
        PgPassword = Setting("BUS_PG_PASSWORD", "bus");
        PgDatabase = Setting("BUS_PG_DATABASE", "bus");
        RabbitHost = Setting("BUS_RABBITMQ_HOST", "127.0.0.1");
        RabbitPort = int.Parse(Setting("BUS_RABBITMQ_PORT", "5672"), System.Globalization.CultureInfo.InvariantCulture);
        RabbitUser = Setting("BUS_RABBITMQ_USER", "guest");
        RabbitPassword = Setting("BUS_RABBITMQ_PASSWORD", "guest");
        DynamoDbUrl = new Uri(Setting("BUS_DYNAMODB_URL", "http://127.0.0.1:8000"));
    }

    public string PgHost { get; }
    public int PgPort { get; }
    public string PgUser { get; }
    public string PgPassword { get; }
    public string PgDatabase { get; }
    public string RabbitHost { get; }
    public int RabbitPort { get; }
    public string RabbitUser { get; }
    public string RabbitPassword { get; }
    public Uri DynamoDbUrl { get; }

    /// <summary>A connection string for <paramref name="database"/>; <c>BUS_PG_SSLMODE</c> (e.g. <c>Disable</c> on loopback) sets its
    /// <c>SSL Mode</c>, else Npgsql's default applies (TLS when the server offers it).</summary>
    public string ConnectionString(string database)
    {
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = PgHost,
            Port = PgPort,
            Username = PgUser,
            Password = PgPassword,
            Database = database,
            MaxPoolSize = 20,
        };
        if (Environment.GetEnvironmentVariable("BUS_PG_SSLMODE") is { Length: > 0 } mode)
            builder.SslMode = Enum.Parse<SslMode>(mode, ignoreCase: true);
        return builder.ConnectionString;
    }

    /// <summary>Creates an empty database that is dropped when the returned handle is disposed.</summary>
    public async Task<PostgresDatabase> CreateDatabase()
    {
        var name = "bus_test_" + Guid.NewGuid().ToString("N")[..16];
        await using var connection = new NpgsqlConnection(ConnectionString(PgDatabase));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return new PostgresDatabase(this, name);
    }

    public async Task DropDatabase(string name)
    {
        await using (var pooled = new NpgsqlConnection(ConnectionString(name)))
            NpgsqlConnection.ClearPool(pooled);

        await using var connection = new NpgsqlConnection(ConnectionString(PgDatabase));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Remembers exchanges shared by tests (message types), deleted once at the end.</summary>
    public void SharedExchange(string name) => _exchanges.TryAdd(name, 0);

    /// <summary>Deletes queues and exchanges that MassTransit declared for the given endpoint names.</summary>
    public async Task DeleteEndpoints(IEnumerable<string> names)
    {
        await using var connection = await ConnectRabbit();
        await using var channel = await connection.CreateChannelAsync();
        foreach (var name in names)
        {
            foreach (var suffix in new[] { "", "_error", "_skipped" })
            {
                await channel.QueueDeleteAsync(name + suffix, ifUnused: false, ifEmpty: false);
                await channel.ExchangeDeleteAsync(name + suffix, ifUnused: false);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_exchanges.IsEmpty)
            return;

        await using var connection = await ConnectRabbit();
        await using var channel = await connection.CreateChannelAsync();
        foreach (var name in _exchanges.Keys)
            await channel.ExchangeDeleteAsync(name, ifUnused: false);
    }

    /// <summary>A connection to the broker, for checks and clean-up the messaging stack under test does not offer.</summary>
    public Task<IConnection> ConnectRabbit()
    {
        var factory = new ConnectionFactory
        {
            HostName = RabbitHost,
            Port = RabbitPort,
            UserName = RabbitUser,
            Password = RabbitPassword,
        };
        return factory.CreateConnectionAsync();
    }

    private static string Setting(string name, string fallback)
    {
        var value = Environment.GetEnvironmentVariable(name);
        return string.IsNullOrWhiteSpace(value) ? fallback : value;
    }
}
