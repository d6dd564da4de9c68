using Bus.Consumers.Notifications.Persistence;
using Bus.Messaging.Outbox;
using Bus.TestSupport;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bus.Consumers.Notifications.Tests.Infrastructure;

/// <summary>
/// The service's real registration (<c>AddNotificationsCore</c> + <c>AddNotificationsConsumers</c>) on MassTransit's test
/// harness, with an embedded SQLite file of its own and one loopback HTTP server standing in for all three external systems.
/// </summary>
public sealed class NotificationsHarness : IAsyncDisposable
{
    public const string Secret = "harness-signing-secret";

    private readonly string _databasePath;

    private NotificationsHarness(ServiceProvider services, LoopbackHttpServer http, LogCollector logs, string databasePath)
    {
        Services = services;
        Http = http;
        Logs = logs;
        _databasePath = databasePath;
        Harness = services.GetTestHarness();
    }

    public ServiceProvider Services { get; }

    public ITestHarness Harness { get; }

    public LoopbackHttpServer Http { get; }

    public LogCollector Logs { get; }

    public NotificationsEndpoints Endpoints => Services.GetRequiredService<NotificationsEndpoints>();

    public static async Task<NotificationsHarness> StartAsync(Action<Dictionary<string, string?>>? configure = null)
    {
        var http = await LoopbackHttpServer.StartAsync();
        var databasePath = Path.Combine(Path.GetTempPath(), $"bus-notifications-{Guid.NewGuid():N}.db");
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:ConnectionString"] = new SqliteConnectionStringBuilder { DataSource = databasePath, DefaultTimeout = 30 }.ToString(),
            ["Bus:Transport"] = "InMemory",
            ["Notifications:ContactRetryLimit"] = "6",
            ["Notifications:ContactRetryMinInterval"] = "00:00:00.050",
            ["Notifications:ContactRetryMaxInterval"] = "00:00:00.200",
            ["Notifications:ContactRetryIntervalDelta"] = "00:00:00.020",
        };
        foreach (var system in new[] { "Email", "Sms", "Purchasing" })
        {
            settings[$"ExternalSystems:{system}:BaseUrl"] = http.BaseAddress.ToString();
            settings[$"ExternalSystems:{system}:SigningSecret"] = Secret;
            // The client's own retry (Polly needs at least one) on top of the gateway's MassTransit retry.
            settings[$"ExternalSystems:{system}:MaxRetryAttempts"] = "1";
            settings[$"ExternalSystems:{system}:RetryBaseDelay"] = "00:00:00.010";
        }

        configure?.Invoke(settings);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var logs = new LogCollector();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(logs));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddNotificationsCore(configuration);
        services.AddMassTransitTestHarness(x => x.AddNotificationsConsumers(configuration));

        var harness = new NotificationsHarness(services.BuildServiceProvider(true), http, logs, databasePath);
        harness.Harness.TestInactivityTimeout = TimeSpan.FromMilliseconds(300);
        await harness.Harness.Start();
        return harness;
    }

    /// <summary>Publishes an event as the bridge would, with the given (or a new) message id.</summary>
    public async Task<Guid> Publish<T>(T message, Guid? messageId = null)
        where T : class
    {
        var id = messageId ?? NewId.NextGuid();
        await Harness.Bus.Publish(message, c => c.MessageId = id, TestContext.Current.CancellationToken);
        return id;
    }

    public async Task Send<T>(string queue, T command)
        where T : class
    {
        var endpoint = await Harness.Bus.GetSendEndpoint(NotificationsEndpoints.Queue(queue));
        await endpoint.Send(command, TestContext.Current.CancellationToken);
    }

    /// <summary>Waits until the message went through the inbox: consumed, committed and its outbox delivered.</summary>
    public Task Handled(Guid messageId) =>
        Eventually.True(async () => await Query(db => db.Set<InboxState>().AnyAsync(i => i.MessageId == messageId && i.Delivered != null)),
            $"message {messageId} was consumed and its outbox delivered");

    /// <summary>Waits until a <typeparamref name="T"/> was consumed (the harness records it after the consumer returns),
    /// then returns the only one.</summary>
    public async Task<T> ConsumedSingle<T>()
        where T : class
    {
        await Eventually.True(() => Harness.Consumed.Select<T>(TestContext.Current.CancellationToken).Any(), $"a {typeof(T).Name} was consumed");
        return Assert.Single(Harness.Consumed.Select<T>(TestContext.Current.CancellationToken)).Context.Message;
    }

    public async Task<T> Query<T>(Func<NotificationsDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<NotificationsDbContext>());
    }

    public IReadOnlyList<ReceivedRequest> RequestsTo(string path) => [.. Http.Requests.Where(r => r.Path == path)];

    public async ValueTask DisposeAsync()
    {
        await Harness.Stop();
        await Services.DisposeAsync();
        await Http.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _databasePath, _databasePath + "-wal", _databasePath + "-shm", _databasePath + "-journal" })
            File.Delete(file);
    }
}
