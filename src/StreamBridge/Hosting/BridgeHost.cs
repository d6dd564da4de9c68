using Bus.StreamBridge.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Bus.StreamBridge.Hosting;

/// <summary>Builds the bridge's host: <c>appsettings.json</c> beside the assembly, then environment variables
/// (<c>Bridge__…</c>, <c>Bus__…</c>), then the broker secret when <c>Bridge:BrokerSecret:SecretId</c> names one,
/// then command-line overrides (<c>--Bus:Transport=RabbitMq</c>).</summary>
public static class BridgeHost
{
    public static HostApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? Environments.Production,
        });
        builder.Configuration
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables();
        BrokerSecretConfigurationSource.AddIfConfigured(builder.Configuration);
        builder.Configuration.AddCommandLine(args);
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        // Standard error for every level: standard output carries the CLI's JSON lines.
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        return builder;
    }
}
