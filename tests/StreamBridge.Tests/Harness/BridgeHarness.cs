using Bus.StreamBridge.Hosting;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bus.StreamBridge.Tests.Harness;

/// <summary>The bridge's real registration on MassTransit's test harness.</summary>
internal static class BridgeHarness
{
    /// <param name="testTimeout">How long the harness lives: MassTransit's default of 30 seconds is too short
    /// for a harness shared by a whole class of specs.</param>
    public static ServiceProvider Create(
        Action<Dictionary<string, string?>>? configure = null, Action<IServiceCollection>? services = null, TimeSpan? testTimeout = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Bridge:Tables:Customers:Translator"] = "Customers",
            ["Bridge:Tables:Orders:Translator"] = "Orders",
            ["Bridge:Tables:Inventory:Translator"] = "Inventory",
            ["Bridge:FailedRecords:Directory"] = Path.Combine(Path.GetTempPath(), "bus-failed-" + Guid.NewGuid().ToString("N")),
            ["Bridge:MaxConcurrency"] = "8",
        };
        configure?.Invoke(settings);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var collection = new ServiceCollection();
        collection.AddLogging();
        services?.Invoke(collection);
        collection.AddStreamBridgeCore(configuration);
        // The handler returns only after every publish completed, so a short inactivity window loses nothing.
        collection.AddMassTransitTestHarness(x => x.SetTestTimeouts(testTimeout, testInactivityTimeout: TimeSpan.FromMilliseconds(200)));
        return collection.BuildServiceProvider(validateScopes: true);
    }

    public static Stream Sample(string name) => File.OpenRead(Path.Combine(AppContext.BaseDirectory, "samples", name));

    public static async Task<string> ReadAllAsync(Stream stream)
    {
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }
}
