using Bus.Messaging.Transport;
using Bus.TestSupport;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bus.ConsumerThroughput;

/// <summary>
/// One run of one service in one mode: a fresh database and queue prefix, the loopback stand-in answering 200, N events sent to
/// the domain queue by a separate bus BEFORE the service starts, then the service host started and the clock read from the
/// first receive on the domain queue to the last completed one. Everything it created is removed afterwards.
/// </summary>
public sealed class BenchRunner(ServerFixture servers, IReadOnlyDictionary<string, string?> overrides)
{
    public async Task<RunResult> Run(IBenchedService service, bool withInboxOutbox, IReadOnlyList<BenchEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(events);
        var prefix = $"bench-{service.Name}-{Guid.NewGuid():N}"[..28];
        var queue = service.DomainQueue(prefix);
        await using var database = await servers.CreateDatabase();
        await using var external = await LoopbackHttpServer.StartAsync();
        try
        {
            await SendToQueue(queue, events, cancellationToken);

            var counter = new DomainReceiveCounter(queue, events.Count);
            var builder = CreateBuilder(Settings(service, prefix, database.ConnectionString, external.BaseAddress));
            if (withInboxOutbox)
                service.AddWithInboxOutbox(builder.Services, builder.Configuration);
            else
                service.AddWithoutInboxOutbox(builder.Services, builder.Configuration);
            using var host = builder.Build();
            host.Services.GetRequiredService<IBus>().ConnectReceiveObserver(counter);
            await host.StartAsync(cancellationToken);
            try
            {
                return await RunMeasurement.Measure(service.Name, withInboxOutbox ? "with" : "without", counter, external, service, host.Services, events, cancellationToken);
            }
            finally
            {
                await host.StopAsync(CancellationToken.None);
            }
        }
        finally
        {
            await servers.DeleteEndpoints(service.Queues(prefix));
        }
    }

    /// <summary>A host with the run's settings and the command line's <c>--set</c> overrides, logging warnings and errors only.</summary>
    public HostApplicationBuilder CreateBuilder(IReadOnlyDictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Benchmark" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Configuration.AddInMemoryCollection(overrides);
        // EF's "history table missing" error on the first migration of a fresh database is expected noise.
        builder.Services.AddLogging(l => l.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.None));
        return builder;
    }

    /// <summary>The service's configuration for one run: its fresh database, the broker, the queue prefix and the stand-in.</summary>
    public Dictionary<string, string?> Settings(IBenchedService service, string prefix, string connectionString, Uri external)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(external);
        var settings = BusSettings(prefix);
        settings["Database:Provider"] = "Postgres";
        settings["Database:ConnectionString"] = connectionString;
        settings["Database:MigrateOnStart"] = "true";
        settings[$"ExternalSystems:{service.ExternalSystem}:BaseUrl"] = external.ToString();
        settings[$"ExternalSystems:{service.ExternalSystem}:SigningSecret"] = "benchmark-signing-secret";
        return settings;
    }

    /// <summary>The broker and the queue prefix of one run (<c>Bus:*</c>).</summary>
    public Dictionary<string, string?> BusSettings(string prefix)
    {
        return new()
        {
            ["Bus:Transport"] = "RabbitMq",
            ["Bus:EndpointPrefix"] = prefix,
            ["Bus:RabbitMq:Host"] = servers.RabbitHost,
            ["Bus:RabbitMq:Port"] = servers.RabbitPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Bus:RabbitMq:Username"] = servers.RabbitUser,
            ["Bus:RabbitMq:Password"] = servers.RabbitPassword,
            ["Bus:RabbitMq:ConnectionName"] = prefix,
        };
    }

    /// <summary>Sends the events straight to the domain queue (declared by this send), not to the shared contract exchanges,
    /// so no other service or test run bound to those exchanges receives them.</summary>
    public async Task SendToQueue(string queue, IReadOnlyList<BenchEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var sender = MassTransit.Bus.Factory.CreateUsingRabbitMq(cfg => cfg.ConfigureRabbitMqHost(Rabbit()));
        await sender.StartAsync(cancellationToken);
        try
        {
            var endpoint = await sender.GetSendEndpoint(new Uri($"queue:{queue}"));
            foreach (var chunk in events.Chunk(500))
                await Task.WhenAll(chunk.Select(e => endpoint.Send(e.Message, e.Message.GetType(), c => c.MessageId = e.MessageId, cancellationToken)));
        }
        finally
        {
            await sender.StopAsync(CancellationToken.None);
        }
    }

    private RabbitMqOptions Rabbit() => new()
    {
        Host = servers.RabbitHost,
        Port = servers.RabbitPort,
        Username = servers.RabbitUser,
        Password = servers.RabbitPassword,
    };
}
