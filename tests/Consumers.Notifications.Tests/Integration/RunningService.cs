using System.Collections.Concurrent;
using Bus.Consumers.Notifications.Persistence;
using Bus.Messaging.Hosting;
using Bus.Messaging.Outbox;
using Bus.TestSupport;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;

namespace Bus.Consumers.Notifications.Tests.Integration;

/// <summary>
/// The service as it runs: hosts built the way Program.cs builds them, on the real RabbitMQ (a prefix of its own, so
/// queues do not collide) and a fresh PostgreSQL database migrated by the real start-up path, with one loopback HTTP
/// server standing in for the e-mail, SMS and purchasing systems. Events come from a separate MassTransit bus, as the
/// bridge publishes them. Other test runs may publish to the same event exchanges, so effects are counted by the
/// idempotency keys of this test's own events.
/// </summary>
public sealed class RunningService : IAsyncDisposable
{
    public const string Secret = "integration-signing-secret";

    private readonly ServerFixture _servers;
    private readonly List<WebApplication> _hosts = [];
    private PostgresDatabase? _database;
    private IBusControl? _publisher;

    private RunningService(ServerFixture servers, LoopbackHttpServer http)
    {
        _servers = servers;
        Http = http;
        Prefix = "nt" + Guid.NewGuid().ToString("N")[..10];
        Endpoints = new NotificationsEndpoints(Prefix);
    }

    public string Prefix { get; }

    public NotificationsEndpoints Endpoints { get; }

    public LoopbackHttpServer Http { get; }

    /// <summary>Statuses the stand-in answered, per idempotency key.</summary>
    public ConcurrentDictionary<string, ConcurrentQueue<int>> Answers { get; } = new();

    /// <summary>Picks the stand-in's answer to a request of this test: (idempotency key, how many came before) → status.</summary>
    public Func<string, int, int> Respond { get; set; } = (_, _) => 200;

    public static async Task<RunningService> StartAsync(ServerFixture servers, int instances = 1)
    {
        ArgumentNullException.ThrowIfNull(servers);
        var stack = new RunningService(servers, await LoopbackHttpServer.StartAsync());
        stack.Http.Responder = stack.Answer;
        stack._database = await servers.CreateDatabase();
        // One after the other: the first applies the migrations, the second finds them applied.
        for (var i = 0; i < instances; i++)
            stack._hosts.Add(await stack.StartHost());

        stack._publisher = MassTransit.Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(servers.RabbitHost, (ushort)servers.RabbitPort, "/", h =>
        {
            h.Username(servers.RabbitUser);
            h.Password(servers.RabbitPassword);
        }));
        await stack._publisher.StartAsync(TestContext.Current.CancellationToken);
        return stack;
    }

    public async Task<Guid> Publish<T>(T message, Guid? messageId = null)
        where T : class
    {
        var id = messageId ?? NewId.NextGuid();
        await _publisher!.Publish(message, c => c.MessageId = id, TestContext.Current.CancellationToken);
        return id;
    }

    public IReadOnlyList<ReceivedRequest> RequestsWith(string idempotencyKey) =>
        [.. Http.Requests.Where(r => r.Headers.TryGetValue("Idempotency-Key", out var key) && key == idempotencyKey)];

    /// <summary>Waits until <paramref name="copies"/> receipts of the message went through the inbox and its outbox was delivered.</summary>
    public Task Handled(Guid messageId, int copies = 1) =>
        Eventually.True(async () => await Query(db => db.Set<InboxState>().AnyAsync(i => i.MessageId == messageId && i.ReceiveCount >= copies && i.Delivered != null)),
            $"{copies} receipt(s) of message {messageId} went through the inbox", 30);

    public async Task<T> Query<T>(Func<NotificationsDbContext, Task<T>> query)
    {
        await using var scope = _hosts[0].Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<NotificationsDbContext>());
    }

    /// <summary>Takes one message off a queue with RabbitMQ.Client, as an operator's tool would; null while the queue is
    /// empty or not there yet (MassTransit declares an error queue with its first fault).</summary>
    public async Task<BasicGetResult?> Take(string queue)
    {
        var factory = new ConnectionFactory { HostName = _servers.RabbitHost, Port = _servers.RabbitPort, UserName = _servers.RabbitUser, Password = _servers.RabbitPassword };
        await using var connection = await factory.CreateConnectionAsync(TestContext.Current.CancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: TestContext.Current.CancellationToken);
        try
        {
            return await channel.BasicGetAsync(queue, autoAck: true, TestContext.Current.CancellationToken);
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_publisher is not null)
                await _publisher.StopAsync(CancellationToken.None);
            foreach (var host in _hosts)
            {
                await host.StopAsync(CancellationToken.None);
                await host.DisposeAsync();
            }
        }
        finally
        {
            await _servers.DeleteEndpoints(Endpoints.All);
            if (_database is not null)
                await _database.DisposeAsync();
            await Http.DisposeAsync();
        }
    }

    private int Answer(ReceivedRequest request)
    {
        if (!request.Headers.TryGetValue("Idempotency-Key", out var key))
            return 400;

        var answers = Answers.GetOrAdd(key, _ => new ConcurrentQueue<int>());
        int status;
        lock (answers)
        {
            status = Respond(key, answers.Count);
            answers.Enqueue(status);
        }

        return status;
    }

    private async Task<WebApplication> StartHost()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing", ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(Settings());
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        builder.AddServiceDefaults(NotificationsServiceExtensions.ServiceName);
        builder.AddNotifications();
        var app = builder.Build();
        app.MapDefaultEndpoints();
        await app.StartAsync(TestContext.Current.CancellationToken);

        var health = await app.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(30));
        Assert.Equal(BusHealthStatus.Healthy, health);
        return app;
    }

    private Dictionary<string, string?> Settings()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Database:Provider"] = "Postgres",
            ["Database:ConnectionString"] = _database!.ConnectionString,
            ["Database:MigrateOnStart"] = "true",
            ["Bus:Transport"] = "RabbitMq",
            ["Bus:EndpointPrefix"] = Prefix,
            ["Bus:RabbitMq:Host"] = _servers.RabbitHost,
            ["Bus:RabbitMq:Port"] = _servers.RabbitPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Bus:RabbitMq:Username"] = _servers.RabbitUser,
            ["Bus:RabbitMq:Password"] = _servers.RabbitPassword,
            ["Bus:RabbitMq:ConnectionName"] = "notifications-" + Prefix,
            // Events of other test runs on the shared exchanges (orders of customers unknown here) give up quickly.
            ["Notifications:ContactRetryLimit"] = "3",
            ["Notifications:ContactRetryMinInterval"] = "00:00:00.050",
            ["Notifications:ContactRetryMaxInterval"] = "00:00:00.200",
            ["Notifications:ContactRetryIntervalDelta"] = "00:00:00.020",
        };
        foreach (var system in new[] { "Email", "Sms", "Purchasing" })
        {
            settings[$"ExternalSystems:{system}:BaseUrl"] = Http.BaseAddress.ToString();
            settings[$"ExternalSystems:{system}:SigningSecret"] = Secret;
            settings[$"ExternalSystems:{system}:MaxRetryAttempts"] = "1";
            settings[$"ExternalSystems:{system}:RetryBaseDelay"] = "00:00:00.010";
        }

        return settings;
    }
}
