using Bus.ConsumerThroughput;
using Bus.TestSupport;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Wolverine;
using Wolverine.RabbitMQ;
using Wolverine.Runtime;

namespace Bus.WolverinePeer;

/// <summary>
/// One Wolverine run, measured like <see cref="BenchRunner"/>: a fresh database and queue prefix, the loopback stand-in, N events
/// waiting in the domain queue when the domain listener starts, the clock from the first domain message taken to the last one
/// completed, the same checks. Wolverine compiles a handler's pipeline (Roslyn) the first time a message of its type arrives; so
/// that no compilation falls into the window, the host starts on the empty queue, the six pipelines are built, the domain
/// listener is stopped, the events are sent, and the listener is started again.
/// </summary>
public sealed class WolverineRunner(ServerFixture servers, BenchRunner bus)
{
    private static readonly TimeSpan PreloadTimeout = TimeSpan.FromSeconds(60);

    public async Task<RunResult> Run(IBenchedService service, IReadOnlyList<BenchEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(events);
        var queues = new PeerQueues($"bench-wolverine-{Guid.NewGuid():N}"[..28]);
        await using var database = await servers.CreateDatabase();
        await using var external = await LoopbackHttpServer.StartAsync();
        try
        {
            var builder = bus.CreateBuilder(bus.Settings(service, queues.Prefix, database.ConnectionString, external.BaseAddress));
            builder.AddWolverineMarketing(queues, servers, database.ConnectionString);
            using var host = builder.Build();
            await host.StartAsync(cancellationToken);
            try
            {
                var runtime = host.Services.GetRequiredService<IWolverineRuntime>();
                foreach (var type in WolverineMarketing.HandledMessageTypes)
                    _ = runtime.FindInvoker(type);

                var domain = runtime.Endpoints.FindListeningAgent(queues.DomainUri)
                    ?? throw new InvalidOperationException($"No listener on {queues.DomainUri}");
                await domain.StopAndDrainAsync();
                await Preload(queues, events, cancellationToken);

                using var window = new WolverineWindow(queues.Domain, events.Count);
                await domain.StartAsync();
                var result = await RunMeasurement.Measure(service.Name, "wolverine", window, external, service, host.Services, events, cancellationToken);
                var inbox = await HandledInInbox(database.ConnectionString, queues.DomainUri, cancellationToken);
                return result with
                {
                    RowsMatch = result.RowsMatch && inbox == events.Count,
                    Rows = $"{result.Rows}, inbox={inbox}/{events.Count}",
                };
            }
            finally
            {
                await host.StopAsync(CancellationToken.None);
            }
        }
        finally
        {
            await servers.DeleteEndpoints(queues.All);
        }
    }

    /// <summary>Envelopes of the domain queue that Wolverine's inbox holds as handled (kept for a while after handling, to drop
    /// copies): proof that the listener really ran with the durable inbox.</summary>
    private static async Task<long> HandledInInbox(string connectionString, Uri domain, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"SELECT count(*) FROM {WolverineMarketing.MessageStoreSchema}.wolverine_incoming_envelopes WHERE received_at = @uri AND status = 'Handled'",
            connection);
        command.Parameters.AddWithValue("uri", domain.ToString());
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Sends the events with Wolverine itself (its envelope format, its RabbitMQ sender, no outbox: nothing to be
    /// atomic with), then waits until the broker holds all of them in the domain queue.</summary>
    private async Task Preload(PeerQueues queues, IReadOnlyList<BenchEvent> events, CancellationToken cancellationToken)
    {
        var builder = bus.CreateBuilder(new Dictionary<string, string?>());
        // The sender handles nothing; Wolverine's warning that it found no handlers is expected here.
        builder.Logging.AddFilter("Wolverine.Configuration.HandlerDiscovery", LogLevel.Error);
        builder.UseWolverine(opts =>
        {
            opts.ServiceName = queues.Prefix + "-sender";
            opts.Discovery.DisableConventionalDiscovery();
            queues.UseRabbitMq(opts, servers);
            opts.PublishAllMessages().ToRabbitQueue(queues.Domain).SendInline();
        });
        using (var sender = builder.Build())
        {
            await sender.StartAsync(cancellationToken);
            try
            {
                await using var scope = sender.Services.CreateAsyncScope();
                var messages = scope.ServiceProvider.GetRequiredService<IMessageBus>();
                foreach (var chunk in events.Chunk(500))
                    await Task.WhenAll(chunk.Select(e => messages.SendAsync(e.Message).AsTask()));
            }
            finally
            {
                await sender.StopAsync(CancellationToken.None);
            }
        }

        await WaitForDepth(queues.Domain, events.Count, cancellationToken);
    }

    private async Task WaitForDepth(string queue, int expected, CancellationToken cancellationToken)
    {
        await using var connection = await servers.ConnectRabbit();
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(PreloadTimeout);
        uint depth;
        while ((depth = (await channel.QueueDeclarePassiveAsync(queue, timeout.Token)).MessageCount) < expected)
            await Task.Delay(100, timeout.Token);

        if (depth != expected)
            throw new InvalidOperationException($"{queue} holds {depth} messages, expected {expected}");
    }
}
