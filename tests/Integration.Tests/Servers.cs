using System.Net.Sockets;
using RabbitMQ.Client;

[assembly: AssemblyFixture(typeof(Bus.Integration.Tests.Servers))]

namespace Bus.Integration.Tests;

/// <summary>
/// The real servers `scripts/servers.sh` started, shared by every test of the assembly. Settings come from the
/// same BUS_* variables as the script, with the same defaults. Each test keeps to its own queues, tables and
/// databases, so tests run in parallel and leave nothing behind.
/// </summary>
public sealed class Servers : IAsyncLifetime
{
    public string RabbitHost { get; } = Setting("BUS_RABBITMQ_HOST", "127.0.0.1");

    public int RabbitPort { get; } = int.Parse(Setting("BUS_RABBITMQ_PORT", "5672"), System.Globalization.CultureInfo.InvariantCulture);

    public string RabbitUser { get; } = Setting("BUS_RABBITMQ_USER", "guest");

    public string RabbitPassword { get; } = Setting("BUS_RABBITMQ_PASSWORD", "guest");

    public Uri DynamoDbUrl { get; } = new(Setting("BUS_DYNAMODB_URL", "http://127.0.0.1:8000"));

    public IConnection Rabbit { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await RequireOpenAsync(RabbitHost, RabbitPort, "RabbitMQ");
        await RequireOpenAsync(DynamoDbUrl.Host, DynamoDbUrl.Port, "dynalite (DynamoDB API)");
        // The AWS SDK needs credentials to sign requests; the local server accepts any.
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "local");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "local");
        var factory = new ConnectionFactory
        {
            HostName = RabbitHost,
            Port = RabbitPort,
            UserName = RabbitUser,
            Password = RabbitPassword,
        };
        Rabbit = await factory.CreateConnectionAsync("bus-integration-tests");
    }

    public async ValueTask DisposeAsync()
    {
        if (Rabbit is not null)
        {
            await Rabbit.CloseAsync();
            Rabbit.Dispose();
        }
    }

    /// <summary>Configuration entries that point a bus at the test broker.</summary>
    public Dictionary<string, string?> RabbitSettings() => new()
    {
        ["Bus:Transport"] = "RabbitMq",
        ["Bus:RabbitMq:Host"] = RabbitHost,
        ["Bus:RabbitMq:Port"] = RabbitPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Bus:RabbitMq:Username"] = RabbitUser,
        ["Bus:RabbitMq:Password"] = RabbitPassword,
    };

    private static string Setting(string name, string fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : fallback;

    private static async Task RequireOpenAsync(string host, int port, string name)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(host, port);
        }
        catch (SocketException e)
        {
            throw new InvalidOperationException($"{name} is not reachable at {host}:{port}: run scripts/servers.sh (or scripts/test.sh)", e);
        }
    }
}
