using System.Net.Sockets;
using Bus.TestSupport;
using RabbitMQ.Client;

[assembly: AssemblyFixture(typeof(Bus.Integration.Tests.Servers))]

namespace Bus.Integration.Tests;

/// <summary>
/// The real servers `scripts/servers.sh` started, shared by every test of the assembly. Settings are
/// <see cref="ServerFixture"/>'s: the same BUS_* variables as the script, with the same defaults. Each test keeps to its own queues, tables and
/// databases, so tests run in parallel and leave nothing behind.
/// </summary>
public sealed class Servers : IAsyncLifetime
{
    private readonly ServerFixture _settings = new();

    public string RabbitHost => _settings.RabbitHost;

    public int RabbitPort => _settings.RabbitPort;

    public string RabbitUser => _settings.RabbitUser;

    public string RabbitPassword => _settings.RabbitPassword;

    public Uri DynamoDbUrl => _settings.DynamoDbUrl;

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
