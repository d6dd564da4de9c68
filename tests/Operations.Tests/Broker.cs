using System.Globalization;
using System.Net.Sockets;
using Bus.Messaging.Transport;
using Bus.TestSupport;
using RabbitMQ.Client;

[assembly: AssemblyFixture(typeof(Bus.Operations.Tests.Broker))]

namespace Bus.Operations.Tests;

/// <summary>The RabbitMQ that scripts/servers.sh started, with <see cref="ServerFixture"/>'s settings, shared by every
/// test of the assembly. Each test keeps to queues of its own (<see cref="TestQueues"/>).</summary>
public sealed class Broker : IAsyncLifetime
{
    private readonly ServerFixture _servers = new();

    public IConnection Connection { get; private set; } = null!;

    public RabbitMqOptions Options => new()
    {
        Host = _servers.RabbitHost,
        Port = _servers.RabbitPort,
        Username = _servers.RabbitUser,
        Password = _servers.RabbitPassword,
    };

    /// <summary>The same settings as command-line overrides, the way an operator passes them.</summary>
    public string[] Settings =>
    [
        $"--Bus:RabbitMq:Host={_servers.RabbitHost}",
        string.Create(CultureInfo.InvariantCulture, $"--Bus:RabbitMq:Port={_servers.RabbitPort}"),
        $"--Bus:RabbitMq:Username={_servers.RabbitUser}",
        $"--Bus:RabbitMq:Password={_servers.RabbitPassword}",
    ];

    public async ValueTask InitializeAsync()
    {
        using (var client = new TcpClient())
        {
            try
            {
                await client.ConnectAsync(_servers.RabbitHost, _servers.RabbitPort);
            }
            catch (SocketException e)
            {
                throw new InvalidOperationException(
                    $"RabbitMQ is not reachable at {_servers.RabbitHost}:{_servers.RabbitPort}: run scripts/servers.sh (or scripts/test.sh)", e);
            }
        }

        Connection = await RabbitMqConnections.CreateFactory(Options, "bus-operations-tests").CreateConnectionAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Connection is not null)
        {
            await Connection.CloseAsync();
            Connection.Dispose();
        }

        await _servers.DisposeAsync();
    }
}
