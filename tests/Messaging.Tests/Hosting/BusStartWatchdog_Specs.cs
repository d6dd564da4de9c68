using Bus.Messaging.Hosting;
using Bus.Messaging.Transport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Bus.Messaging.Tests.Hosting;

/// <summary>
/// The watchdog leaves a service whose bus started alone. The exit of a service whose bus does not start is proved on a
/// real process (tests/Deployment.Tests, ComposeServiceProcess_Specs): it sets the process's exit code.
/// </summary>
public sealed class BusStartWatchdog_Specs
{
    [Fact]
    public async Task A_service_whose_bus_started_keeps_running_past_its_start_timeout()
    {
        using var host = Build(new() { ["Bus:StartTimeout"] = "00:00:01" });
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();

        await host.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);

            Assert.False(lifetime.ApplicationStopping.IsCancellationRequested, "the watchdog stopped a service whose bus had started");
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public void A_negative_start_timeout_is_refused_at_start_up()
    {
        using var host = Build(new() { ["Bus:StartTimeout"] = "-00:00:05" });

        var failure = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<BusTransportOptions>>().Value);

        Assert.Contains("Bus:StartTimeout must not be negative", failure.Message, StringComparison.Ordinal);
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Test" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddServiceDefaults("watchdog-specs");
        builder.Services.AddBus(builder.Configuration);
        return builder.Build();
    }
}
