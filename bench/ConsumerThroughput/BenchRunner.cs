using System.Diagnostics;
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
    private static readonly TimeSpan StallTimeout = TimeSpan.FromSeconds(60);

    public async Task<RunResult> Run(IBenchedService service, bool withInboxOutbox, IReadOnlyList<BenchEvent> events, CancellationToken cancellationToken)
    {
        var prefix = $"bench-{service.Name}-{Guid.NewGuid():N}"[..28];
        var queue = service.DomainQueue(prefix);
        await using var database = await servers.CreateDatabase();
        await using var external = await LoopbackHttpServer.StartAsync();
        try
        {
            await Send(queue, events, cancellationToken);

            var counter = new DomainReceiveCounter(queue, events.Count);
            using var host = Build(service, withInboxOutbox, Settings(service, prefix, database.ConnectionString, external.BaseAddress));
            host.Services.GetRequiredService<IBus>().ConnectReceiveObserver(counter);
            await host.StartAsync(cancellationToken);
            try
            {
                await WaitForAll(counter, cancellationToken);
                // Calls the stand-in had answered when the last domain message completed: the effects delivered in the window.
                var calls = external.Requests.Count;
                var cpu = Process.GetCurrentProcess().TotalProcessorTime - counter.CpuAtFirstStart;
                var elapsed = counter.Elapsed;
                var rows = await service.RowCounts(host.Services, cancellationToken);
                var expected = service.ExpectedRowCounts(events);
                var match = expected.All(e => rows.TryGetValue(e.Key, out var n) && n == e.Value);
                return new RunResult(service.Name, withInboxOutbox ? "with" : "without", events.Count, elapsed,
                    counter.Completed / elapsed.TotalSeconds, calls, calls / elapsed.TotalSeconds, counter.Faulted, match, counter.Completed / cpu.TotalSeconds,
                    string.Join(", ", rows.Select(r => $"{r.Key}={r.Value}/{expected.GetValueOrDefault(r.Key)}")));
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

    private static async Task WaitForAll(DomainReceiveCounter counter, CancellationToken cancellationToken)
    {
        var lastProgress = Stopwatch.StartNew();
        var seen = -1;
        while (!counter.Done.IsCompleted)
        {
            await Task.WhenAny(counter.Done, Task.Delay(500, cancellationToken));
            if (counter.Completed != seen)
            {
                seen = counter.Completed;
                lastProgress.Restart();
            }
            else if (lastProgress.Elapsed > StallTimeout)
            {
                throw new TimeoutException($"No progress for {StallTimeout.TotalSeconds} s: {counter.Completed} completed, {counter.Faulted} faulted");
            }
        }
    }

    /// <summary>Sends the events straight to the domain queue (declared by this send), not to the shared contract exchanges,
    /// so no other service or test run bound to those exchanges receives them.</summary>
    private async Task Send(string queue, IReadOnlyList<BenchEvent> events, CancellationToken cancellationToken)
    {
        var sender = MassTransit.Bus.Factory.CreateUsingRabbitMq(cfg => cfg.ConfigureRabbitMqHost(Rabbit()));
        await sender.StartAsync(cancellationToken);
        try
        {
            var endpoint = await sender.GetSendEndpoint(new Uri($"queue:{queue}"));
            foreach (var chunk in events.Chunk(500))
                await Task.WhenAll(chunk.Select(e => e.Send(endpoint, e.MessageId, cancellationToken)));
        }
        finally
        {
            await sender.StopAsync(CancellationToken.None);
        }
    }

    private IHost Build(IBenchedService service, bool withInboxOutbox, Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Benchmark" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Configuration.AddInMemoryCollection(overrides);
        // Warnings and errors only; EF's "history table missing" error on the first migration of a fresh database is expected noise.
        builder.Services.AddLogging(l => l.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.None));
        if (withInboxOutbox)
            service.AddWithInboxOutbox(builder.Services, builder.Configuration);
        else
            service.AddWithoutInboxOutbox(builder.Services, builder.Configuration);
        return builder.Build();
    }

    private Dictionary<string, string?> Settings(IBenchedService service, string prefix, string connectionString, Uri external) => new()
    {
        ["Database:Provider"] = "Postgres",
        ["Database:ConnectionString"] = connectionString,
        ["Database:MigrateOnStart"] = "true",
        ["Bus:Transport"] = "RabbitMq",
        ["Bus:EndpointPrefix"] = prefix,
        ["Bus:RabbitMq:Host"] = servers.RabbitHost,
        ["Bus:RabbitMq:Port"] = servers.RabbitPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Bus:RabbitMq:Username"] = servers.RabbitUser,
        ["Bus:RabbitMq:Password"] = servers.RabbitPassword,
        ["Bus:RabbitMq:ConnectionName"] = prefix,
        [$"ExternalSystems:{service.ExternalSystem}:BaseUrl"] = external.ToString(),
        [$"ExternalSystems:{service.ExternalSystem}:SigningSecret"] = "benchmark-signing-secret",
    };

    private RabbitMqOptions Rabbit() => new()
    {
        Host = servers.RabbitHost,
        Port = servers.RabbitPort,
        Username = servers.RabbitUser,
        Password = servers.RabbitPassword,
    };
}
