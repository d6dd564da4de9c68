using Bus.StreamBridge.Configuration;
using Bus.StreamBridge.Hosting;
using Bus.StreamBridge.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Bus.Benchmarks;

/// <summary>The bridge as it runs: the real host builder (appsettings.json beside the assembly) and registration.</summary>
internal static class BridgeSetup
{
    /// <summary>The CLI's registration (<c>AddStreamBridgeCore</c>, no bus), for per-record benchmarks.</summary>
    public static IHost CoreHost()
    {
        var builder = BridgeHost.CreateBuilder([]);
        builder.Services.AddStreamBridgeCore(builder.Configuration);
        return Checked(builder.Build());
    }

    /// <summary>The Lambda's registration (<c>AddStreamBridge</c>, bus on the configured transport), started.</summary>
    public static async Task<IHost> StartedLambdaHostAsync()
    {
        var builder = BridgeHost.CreateBuilder([]);
        builder.Services.AddStreamBridge(builder.Configuration);
        var host = Checked(builder.Build());
        await host.StartAsync();
        return host;
    }

    public static ChangeProcessor Processor(this IHost host) => host.Services.GetRequiredService<ChangeProcessor>();

    private static IHost Checked(IHost host)
    {
        // Without appsettings.json every table is unrouted and the figures would measure nothing.
        var tables = host.Services.GetRequiredService<IOptions<BridgeOptions>>().Value.Tables;
        if (!tables.ContainsKey("Customers") || !tables.ContainsKey("Orders") || !tables.ContainsKey("Inventory"))
        {
            throw new InvalidOperationException($"appsettings.json with the Customers, Orders and Inventory routes is missing from {AppContext.BaseDirectory}");
        }

        return host;
    }
}
