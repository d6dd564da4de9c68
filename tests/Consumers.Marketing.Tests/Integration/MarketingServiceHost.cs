using Bus.Consumers.Marketing.Persistence;
using Bus.Messaging.Hosting;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bus.Consumers.Marketing.Tests.Integration;

/// <summary>One instance of the service, built as Program.cs builds it, with the test's configuration on top.</summary>
public sealed class MarketingServiceHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private MarketingServiceHost(WebApplication app) => _app = app;

    public static async Task<MarketingServiceHost> Start(IReadOnlyDictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.AddServiceDefaults(MarketingServiceExtensions.ServiceName);
        builder.AddMarketing();

        var app = builder.Build();
        app.MapDefaultEndpoints();
        await app.StartAsync(TestContext.Current.CancellationToken);
        var health = await app.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(30));
        Assert.Equal(BusHealthStatus.Healthy, health);
        return new MarketingServiceHost(app);
    }

    public async Task<T> Query<T>(Func<MarketingDbContext, Task<T>> query)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<MarketingDbContext>());
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
