using Bus.EndToEnd.Measuring;
using Npgsql;

namespace Bus.EndToEnd.Stack;

/// <summary>The run's database: created from the administrative one, dropped at the end (with its connections).</summary>
internal sealed class PostgresAdmin(ServerSettings servers)
{
    public async Task CreateDatabaseAsync(string database, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task DropDatabaseAsync(string database)
    {
        await using var connection = await OpenAsync(CancellationToken.None);
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The server processes serving connections to <paramref name="database"/> now.</summary>
    public async Task<HashSet<int>> BackendPidsAsync(string database, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT pid FROM pg_stat_activity WHERE datname = @database", connection);
        command.Parameters.AddWithValue("database", database);
        var pids = new HashSet<int>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            pids.Add(reader.GetInt32(0));
        }

        return pids;
    }

    /// <summary>The counters of <paramref name="database"/> and the inbox rows of each service schema in it.</summary>
    public async Task<DatabaseActivity> ActivityAsync(string database, IEnumerable<string> schemas, CancellationToken cancellationToken)
    {
        long commits, rollbacks, inserted, updated, deleted;
        await using (var admin = await OpenAsync(cancellationToken))
        {
            await using var command = new NpgsqlCommand(
                "SELECT xact_commit, xact_rollback, tup_inserted, tup_updated, tup_deleted FROM pg_stat_database WHERE datname = @database", admin);
            command.Parameters.AddWithValue("database", database);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                throw new InvalidOperationException($"pg_stat_database has no row for {database}");
            }

            (commits, rollbacks, inserted, updated, deleted) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
        }

        var inbox = new Dictionary<string, long>(StringComparer.Ordinal);
        await using (var run = await OpenAsync(cancellationToken, database))
        {
            foreach (var schema in schemas)
            {
                await using var command = new NpgsqlCommand($"SELECT count(*) FROM \"{schema}\".\"InboxState\"", run);
                inbox[schema] = (long)(await command.ExecuteScalarAsync(cancellationToken) ?? 0L);
            }
        }

        return new DatabaseActivity(commits, rollbacks, inserted, updated, deleted, inbox);
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken, string? database = null)
    {
        // No pooling: the admin connection must not linger on the server after the run.
        var connection = new NpgsqlConnection(servers.ConnectionString(database ?? servers.PgDatabase) + ";Pooling=false");
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
