using Bus.Consumers.Shipping.Hosting;
using Bus.Consumers.Shipping.Persistence;
using Bus.Messaging.Hosting;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bus.Consumers.Shipping.Tests.Infrastructure;

/// <summary>The service host built the way Program.cs builds it, with test configuration, listening on a loopback port.</summary>
public sealed class ShippingHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string? _sqlitePath;

    private ShippingHost(WebApplication app, string? sqlitePath)
    {
        _app = app;
        _sqlitePath = sqlitePath;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Http = new HttpClient { BaseAddress = new Uri(address) };
    }

    public HttpClient Http { get; }

    public IBus Bus => _app.Services.GetRequiredService<IBus>();

    public IServiceProvider Services => _app.Services;

    /// <summary>The embedded configuration: in-memory transport, an SQLite file, a shipping system that is never called.</summary>
    public static Dictionary<string, string?> EmbeddedSettings() => new()
    {
        ["Bus:Transport"] = "InMemory",
        ["Database:Provider"] = "Sqlite",
        ["Database:ConnectionString"] = $"Data Source={Path.Combine(Path.GetTempPath(), $"shipping-host-{Guid.NewGuid():N}.db")};Pooling=False",
        ["ExternalSystems:ShippingSystem:BaseUrl"] = "http://127.0.0.1:9/",
        ["ExternalSystems:ShippingSystem:Enabled"] = "false",
    };

    public static async Task<ShippingHost> Start(IDictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["ExternalSystems:ShippingSystem:SigningSecret"] = "integration-signing-secret",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.AddServiceDefaults(ShippingServiceExtensions.ServiceName);
        builder.AddShipping();

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapShippingEndpoints();
        await app.StartAsync();

        var sqlite = settings.TryGetValue("Database:Provider", out var provider) && provider == "Sqlite"
            ? settings["Database:ConnectionString"]!.Split(';')[0]["Data Source=".Length..]
            : null;
        return new ShippingHost(app, sqlite);
    }

    public async Task<T> Query<T>(Func<ShippingDbContext, Task<T>> query)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ShippingDbContext>());
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_sqlitePath is not null)
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" })
                File.Delete(_sqlitePath + suffix);
        }
    }
}
