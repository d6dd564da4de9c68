using Bus.Consumers.Shipping.Hosting;
using Bus.Consumers.Shipping.Persistence;
using Bus.Messaging.Outbox;
using Bus.TestSupport;
using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bus.Consumers.Shipping.Tests.Infrastructure;

/// <summary>
/// The service's real registration (<see cref="ShippingServiceExtensions.AddShippingCore"/> and
/// <see cref="ShippingServiceExtensions.AddShippingConsumers"/>) on MassTransit's test harness and an SQLite file of its own.
/// </summary>
public sealed class ShippingHarness : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly string _databasePath;

    private ShippingHarness(ServiceProvider provider, string databasePath, LoopbackHttpServer shippingSystem)
    {
        _provider = provider;
        _databasePath = databasePath;
        ShippingSystem = shippingSystem;
        Harness = provider.GetRequiredService<ITestHarness>();
    }

    public ITestHarness Harness { get; }

    /// <summary>Every line the service logged, at every level.</summary>
    public LogCollector Logs { get; private init; } = null!;

    /// <summary>The stand-in for the shipping system the gateway calls; answers 200 unless the test changes its responder.</summary>
    public LoopbackHttpServer ShippingSystem { get; }

    public static async Task<ShippingHarness> Start(IDictionary<string, string?>? settings = null)
    {
        var shippingSystem = await LoopbackHttpServer.StartAsync();
        var databasePath = Path.Combine(Path.GetTempPath(), $"shipping-specs-{Guid.NewGuid():N}.db");
        var values = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:ConnectionString"] = $"Data Source={databasePath};Pooling=False",
            ["ExternalSystems:ShippingSystem:BaseUrl"] = shippingSystem.BaseAddress.ToString(),
            ["ExternalSystems:ShippingSystem:SigningSecret"] = "harness-signing-secret",
            ["ExternalSystems:ShippingSystem:MaxRetryAttempts"] = "1",
            ["ExternalSystems:ShippingSystem:RetryBaseDelay"] = "00:00:00.010",
            ["Shipping:GatewayRetryLimit"] = "3",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            values[key] = value;

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        var logs = new LogCollector();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(logs));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddShippingCore(configuration);
        services.AddMassTransitTestHarness(x => x.AddShippingConsumers(configuration));
        var provider = services.BuildServiceProvider(true);

        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ShippingDbContext>();
            await db.Database.EnsureCreatedAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL");
        }

        var harness = new ShippingHarness(provider, databasePath, shippingSystem) { Logs = logs };
        await harness.Harness.Start();
        return harness;
    }

    /// <summary>Publishes an event as the bridge does, with an explicit MessageId.</summary>
    public async Task<Guid> Publish<T>(T message, Guid? messageId = null)
        where T : class
    {
        var id = messageId ?? NewId.NextGuid();
        // As object: the event's runtime type decides where it goes, as when the bridge publishes it.
        await Harness.Bus.Publish((object)message, Pipe.Execute<PublishContext>(c => c.MessageId = id));
        return id;
    }

    /// <summary>Waits until <paramref name="consumers"/> consumers have taken <paramref name="receipts"/> copies of the message
    /// through the inbox and the outbox delivered what they sent.</summary>
    public Task Processed(Guid messageId, int consumers = 1, int receipts = 1) =>
        Eventually.True(async () => await Query(db => db.Set<InboxState>()
                .CountAsync(x => x.MessageId == messageId && x.ReceiveCount >= receipts && x.Delivered != null)) == consumers,
            $"message {messageId} went through the inbox of {consumers} consumer(s) {receipts} time(s)", 30);

    public async Task<Guid> PublishAndWait<T>(T message, int consumers = 1)
        where T : class
    {
        var id = await Publish(message);
        await Processed(id, consumers);
        return id;
    }

    /// <summary>
    /// The commands of type <typeparamref name="T"/> the domain consumers sent to the gateway so far. The outbox sends them as
    /// serialized bodies, which the harness cannot type, so they are read where the gateway consumed them, once every command
    /// sent so far has arrived there.
    /// </summary>
    public async Task<IReadOnlyList<T>> Sent<T>()
        where T : class
    {
        var sent = Harness.Sent.Select(x => IsGateway(x.Context.DestinationAddress), Now).Count();
        await Eventually.True(() => Harness.Consumed.Select(x => IsGateway(x.Context.DestinationAddress), Now).Count() >= sent,
            $"the gateway received the {sent} command(s) sent", 30);
        return Harness.Consumed.Select<T>(Now).Select(x => x.Context.Message).ToList();
    }

    /// <summary>A cancelled token: the harness's lists then return what they hold without waiting.</summary>
    public static CancellationToken Now => new(canceled: true);

    private static bool IsGateway(Uri? address) =>
        address is not null && address.AbsolutePath.EndsWith(ShippingEndpoints.GatewayName, StringComparison.Ordinal);

    public async Task<T> Query<T>(Func<ShippingDbContext, Task<T>> query)
    {
        await using var scope = _provider.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ShippingDbContext>());
    }

    public async ValueTask DisposeAsync()
    {
        await Harness.Stop();
        await _provider.DisposeAsync();
        await ShippingSystem.DisposeAsync();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(_databasePath + suffix);
    }
}
