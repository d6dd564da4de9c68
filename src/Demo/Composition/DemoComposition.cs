using Bus.Consumers.Marketing;
using Bus.Consumers.Marketing.Persistence;
using Bus.Consumers.Notifications;
using Bus.Consumers.Notifications.Persistence;
using Bus.Consumers.Shipping.Hosting;
using Bus.Consumers.Shipping.Persistence;
using Bus.Demo.Monitoring;
using Bus.Messaging.Outbox;
using Bus.Messaging.Transport;
using Bus.StandIns.Hosting;
using Bus.StreamBridge.Hosting;
using Bus.StreamBridge.Pipeline;
using MassTransit;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Bus.Demo.Composition;

/// <summary>
/// The bridge and the three consumer services in one host, through their own registrations, on one in-memory bus. Each
/// service keeps its own settings (its shipped <c>appsettings.json</c>) and its own SQLite file; the demo changes only
/// what an embedded run needs: the transport, the store, and the external systems' addresses (the stand-ins).
/// </summary>
public sealed class DemoComposition : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly string? _temporaryDirectory;
    private bool _disposed;

    private DemoComposition(IHost host, BusActivityMonitor monitor, string dataDirectory, string failedRecordsDirectory, string? temporaryDirectory)
    {
        _host = host;
        Monitor = monitor;
        DataDirectory = dataDirectory;
        FailedRecordsDirectory = failedRecordsDirectory;
        _temporaryDirectory = temporaryDirectory;
    }

    public BusActivityMonitor Monitor { get; }

    public string DataDirectory { get; }

    public string FailedRecordsDirectory { get; }

    /// <summary>The bridge's pipeline, exactly as the Lambda handler runs it.</summary>
    public BatchProcessor Bridge => _host.Services.GetRequiredService<BatchProcessor>();

    public IServiceProvider Services => _host.Services;

    public static async Task<DemoComposition> StartAsync(DemoSettings settings, StandInServer standIns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(standIns);
        var temporary = settings.DataDirectory is null ? Directory.CreateTempSubdirectory("bus-demo-").FullName : null;
        var data = Path.GetFullPath(settings.DataDirectory ?? temporary!);
        Directory.CreateDirectory(data);
        var failedRecords = Path.GetFullPath(settings.FailedRecordsDirectory);

        var bridge = Settings("bridge", settings, new()
        {
            ["Bridge:FailedRecords:Store"] = "File",
            ["Bridge:FailedRecords:Directory"] = failedRecords,
        });
        var marketing = ServiceSettings("marketing", data, settings, standIns);
        var shipping = ServiceSettings("shipping", data, settings, standIns);
        var notifications = ServiceSettings("notifications", data, settings, standIns);

        var monitor = new BusActivityMonitor(QueueOwners(marketing, shipping, notifications));
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        ConfigureLogging(builder.Logging, settings.Verbose);
        builder.Services.AddStreamBridgeCore(bridge);
        builder.Services.AddMarketingCore(marketing);
        builder.Services.AddShippingCore(shipping);
        builder.Services.AddNotificationsCore(notifications);
        builder.Services.AddBusTransportOptions(bridge);
        builder.Services.AddMassTransit(x =>
        {
            x.AddMarketingConsumers(marketing);
            x.AddShippingConsumers(shipping);
            x.AddNotificationsConsumers(notifications);
            x.UseConfiguredTransport(bridge);
        });
        builder.Services.AddReceiveObserver(_ => monitor);
        builder.Services.AddPublishObserver(_ => monitor);
        builder.Services.AddSendObserver(_ => monitor);

        var host = builder.Build();
        var composition = new DemoComposition(host, monitor, data, failedRecords, temporary);
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch
        {
            await composition.DisposeAsync();
            throw;
        }

        return composition;
    }

    /// <summary>True when no service's outbox holds a message still to be delivered.</summary>
    public async Task<bool> OutboxesDrainedAsync(CancellationToken cancellationToken) =>
        await Drained<MarketingDbContext>(cancellationToken)
        && await Drained<ShippingDbContext>(cancellationToken)
        && await Drained<NotificationsDbContext>(cancellationToken);

    /// <summary>
    /// Copies of messages each service's inbox dropped: every receipt of a (message, consumer) pair after the one that
    /// consumed it. The inbox counts them in <c>InboxState.ReceiveCount</c>; a consumer never sees them.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, long>> InboxDuplicatesAsync(CancellationToken cancellationToken) =>
        new Dictionary<string, long>
        {
            [DemoServices.Marketing] = await Duplicates<MarketingDbContext>(cancellationToken),
            [DemoServices.Shipping] = await Duplicates<ShippingDbContext>(cancellationToken),
            [DemoServices.Notifications] = await Duplicates<NotificationsDbContext>(cancellationToken),
        };

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _host.StopAsync(stopping.Token);
        }
        finally
        {
            if (_host is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
            else
            {
                _host.Dispose();
            }

            // Pooled connections keep the files open, and a directory with open files cannot go on every platform.
            SqliteConnection.ClearAllPools();
            if (_temporaryDirectory is not null && Directory.Exists(_temporaryDirectory))
            {
                Directory.Delete(_temporaryDirectory, recursive: true);
            }
        }
    }

    private async Task<bool> Drained<TContext>(CancellationToken cancellationToken)
        where TContext : DbContext
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        return !await db.Set<OutboxMessage>().AnyAsync(cancellationToken) && !await db.Set<OutboxState>().AnyAsync(cancellationToken);
    }

    private async Task<long> Duplicates<TContext>(CancellationToken cancellationToken)
        where TContext : DbContext
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        return await db.Set<InboxState>().Where(x => x.Consumed != null).SumAsync(x => (long)x.ReceiveCount - 1, cancellationToken);
    }

    private static IConfiguration ServiceSettings(string service, string data, DemoSettings settings, StandInServer standIns)
    {
        var embedded = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:ConnectionString"] = new SqliteConnectionStringBuilder { DataSource = Path.Combine(data, service + ".db") }.ToString(),
            ["Database:MigrateOnStart"] = "true",
        };
        foreach (var (key, value) in standIns.ExternalSystemsConfiguration())
        {
            embedded[key] = value;
        }

        return Settings(service, settings, embedded);
    }

    private static IConfiguration Settings(string part, DemoSettings settings, Dictionary<string, string?> embedded)
    {
        embedded["Bus:Transport"] = nameof(TransportKind.InMemory);
        embedded["Bus:EndpointPrefix"] = string.Empty;
        return new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "settings", part + ".json"), optional: false)
            .AddInMemoryCollection(embedded)
            .AddInMemoryCollection(settings.Overrides)
            .Build();
    }

    private static Func<string, string?> QueueOwners(IConfiguration marketing, IConfiguration shipping, IConfiguration notifications)
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        var marketingEndpoints = MarketingEndpoints.From(marketing);
        owners[marketingEndpoints.Contacts] = owners[marketingEndpoints.PlatformGateway] = DemoServices.Marketing;
        var shippingEndpoints = ShippingEndpoints.From(shipping);
        owners[shippingEndpoints.Domain] = owners[shippingEndpoints.Gateway] = DemoServices.Shipping;
        foreach (var queue in NotificationsEndpoints.From(notifications).All)
        {
            owners[queue] = DemoServices.Notifications;
        }

        return queue => owners.GetValueOrDefault(queue);
    }

    private static void ConfigureLogging(ILoggingBuilder logging, bool verbose)
    {
        logging.ClearProviders();
        if (!verbose)
        {
            // The report says what happened; log lines between the progress display and the tables would only garble both.
            logging.SetMinimumLevel(LogLevel.None);
            return;
        }

        logging.SetMinimumLevel(LogLevel.Information);
        logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        logging.AddSimpleConsole(o => o.SingleLine = true);
        logging.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
    }
}
