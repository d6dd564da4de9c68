using Bus.Consumers.Marketing.Contacts;
using Bus.Consumers.Marketing.Gateway;
using Bus.Consumers.Marketing.Persistence;
using Bus.Messaging.Outbox;
using Bus.TestSupport;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bus.Consumers.Marketing.Tests.Infrastructure;

/// <summary>
/// The service's real registration (<c>AddMarketingCore</c> + <c>AddMarketingConsumers</c>) on MassTransit's test harness, a
/// SQLite file of its own and a loopback HTTP server standing in for the marketing platform.
/// </summary>
public sealed class MarketingHarness : IAsyncDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"bus-marketing-{Guid.NewGuid():N}.db");
    private ServiceProvider _provider = null!;

    public LoopbackHttpServer Platform { get; private set; } = null!;

    /// <summary>Every line the service logged, at every level.</summary>
    public LogCollector Logs { get; } = new();

    public ITestHarness Bus => _provider.GetRequiredService<ITestHarness>();

    public static async Task<MarketingHarness> Start(int webhookRetries = 1)
    {
        var harness = new MarketingHarness();
        harness.Platform = await LoopbackHttpServer.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:ConnectionString"] = new SqliteConnectionStringBuilder { DataSource = harness._path, DefaultTimeout = 30 }.ToString(),
            ["ExternalSystems:MarketingPlatform:BaseUrl"] = harness.Platform.BaseAddress.ToString(),
            ["ExternalSystems:MarketingPlatform:SigningSecret"] = PlatformRequests.SigningSecret,
            ["ExternalSystems:MarketingPlatform:MaxRetryAttempts"] = webhookRetries.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ExternalSystems:MarketingPlatform:RetryBaseDelay"] = "00:00:00.020",
            ["ExternalSystems:MarketingPlatform:BreakerMinimumThroughput"] = "1000",
        }).Build();

        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(harness.Logs));
        services.AddMarketingCore(configuration);
        services.AddMassTransitTestHarness(x => x.AddMarketingConsumers(configuration));
        harness._provider = services.BuildServiceProvider(true);

        await harness.Query(async db =>
        {
            await db.Database.EnsureCreatedAsync();
            return await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL");
        });
        await harness.Bus.Start();
        return harness;
    }

    public async Task<Guid> Publish<T>(T message, Guid? messageId = null)
        where T : class
    {
        var id = messageId ?? NewId.NextGuid();
        await Bus.Bus.Publish(message, c => c.MessageId = id, TestContext.Current.CancellationToken);
        return id;
    }

    public async Task<Guid> SendToGateway<T>(T command, Guid? messageId = null)
        where T : class
    {
        var id = messageId ?? NewId.NextGuid();
        var endpoint = await Bus.Bus.GetSendEndpoint(new Uri($"queue:{MarketingEndpoints.PlatformGatewayName}"));
        await endpoint.Send(command, c => c.MessageId = id, TestContext.Current.CancellationToken);
        return id;
    }

    /// <summary>Waits until the contact consumers went through with the message: consumed, committed, outbox delivered.</summary>
    public Task Processed(Guid messageId, int copies = 1) =>
        Eventually.True(() => Query(db => db.Set<InboxState>().AnyAsync(x => x.MessageId == messageId && x.ReceiveCount == copies && x.Delivered != null)),
            $"message {messageId} was processed {copies} time(s)");

    /// <summary>Waits until the gateway went through with every command received so far (nothing left in flight).</summary>
    public async Task GatewayIdle()
    {
        await Bus.InactivityTask;
    }

    public Task<MarketingContact?> Contact(string customerId) =>
        Query(db => db.Contacts.AsNoTracking().SingleOrDefaultAsync(x => x.CustomerId == customerId));

    public Task<List<DeliveredEffect>> Effects(string customerId) =>
        Query(db => db.DeliveredEffects.AsNoTracking().Where(x => x.CustomerId == customerId).OrderBy(x => x.IdempotencyKey).ToListAsync());

    /// <summary>The commands the contact consumers sent, as the gateway received them (the outbox delivers them from its
    /// own send path, which the harness's send observer does not see).</summary>
    public List<T> Sent<T>()
        where T : class =>
        Bus.Consumed.Select<T>().Select(x => x.Context.Message).ToList();

    public async Task<T> Query<T>(Func<MarketingDbContext, Task<T>> query)
    {
        await using var scope = _provider.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<MarketingDbContext>());
    }

    public async ValueTask DisposeAsync()
    {
        await Bus.Stop();
        await _provider.DisposeAsync();
        await Platform.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
            File.Delete(file);
    }
}
