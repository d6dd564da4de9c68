namespace Bus.EndToEnd.Stack;

/// <summary>Where PostgreSQL and RabbitMQ are: the <c>BUS_PG_*</c> and <c>BUS_RABBITMQ_*</c> variables of
/// <c>scripts/servers.sh</c>, with its defaults.</summary>
internal sealed record ServerSettings(
    string PgHost, int PgPort, string PgUser, string PgPassword, string PgDatabase,
    string RabbitHost, int RabbitPort, string RabbitUser, string RabbitPassword, string? RabbitNode)
{
    public static ServerSettings FromEnvironment() => new(
        Get("BUS_PG_HOST", "127.0.0.1"), int.Parse(Get("BUS_PG_PORT", "5432"), System.Globalization.CultureInfo.InvariantCulture),
        Get("BUS_PG_USER", "bus"), Get("BUS_PG_PASSWORD", "bus"), Get("BUS_PG_DATABASE", "bus"),
        Get("BUS_RABBITMQ_HOST", "127.0.0.1"), int.Parse(Get("BUS_RABBITMQ_PORT", "5672"), System.Globalization.CultureInfo.InvariantCulture),
        Get("BUS_RABBITMQ_USER", "guest"), Get("BUS_RABBITMQ_PASSWORD", "guest"), Environment.GetEnvironmentVariable("BUS_RABBITMQ_NODE"));

    /// <summary>The services' connection string; <c>BUS_PG_SSLMODE</c> (e.g. <c>Disable</c> on loopback) sets its <c>SSL Mode</c>,
    /// else Npgsql's default applies (TLS when the server offers it).</summary>
    public string ConnectionString(string database) =>
        $"Host={PgHost};Port={PgPort};Username={PgUser};Password={PgPassword};Database={database}"
        + (Environment.GetEnvironmentVariable("BUS_PG_SSLMODE") is { Length: > 0 } mode ? $";SSL Mode={mode}" : string.Empty);

    private static string Get(string name, string fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : fallback;
}
