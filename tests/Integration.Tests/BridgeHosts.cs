using Bus.StreamBridge.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bus.Integration.Tests;

/// <summary>Starts the bridge exactly as the Lambda does (<see cref="StreamBridgeServiceCollectionExtensions.AddStreamBridge"/>),
/// with test settings layered over the defaults.</summary>
internal static class BridgeHosts
{
    public static async Task<IHost> StartAsync(Dictionary<string, string?> settings, CancellationToken cancellationToken)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Bridge:Tables:Customers:Translator"] = "Customers",
            ["Bridge:Tables:Orders:Translator"] = "Orders",
            ["Bridge:Tables:Inventory:Translator"] = "Inventory",
            ["Bridge:FailedRecords:Directory"] = Path.Combine(Path.GetTempPath(), "bus-failed-" + Guid.NewGuid().ToString("N")),
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddStreamBridge(builder.Configuration);
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return host;
    }

    public static async Task<string> HandleAsync(IHost host, Stream input, CancellationToken cancellationToken)
    {
        var response = await host.Services.GetRequiredService<StreamBatchHandler>().HandleAsync(input, cancellationToken);
        using var reader = new StreamReader(response);
        return await reader.ReadToEndAsync(cancellationToken);
    }

    public static Stream Sample(string name) => File.OpenRead(Path.Combine(AppContext.BaseDirectory, "samples", name));
}
