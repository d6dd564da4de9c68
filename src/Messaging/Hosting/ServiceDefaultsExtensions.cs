using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Bus.Messaging.Hosting;

/// <summary>What every Bus service has: OpenTelemetry traces and metrics (MassTransit's own included), health
/// checks, options validated at start-up, and an exit when its bus does not start (<see cref="BusStartWatchdog"/>).</summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>Meters and activity sources Bus emits, besides MassTransit's.</summary>
    public const string TelemetryPrefix = "Bus.";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder, string serviceName)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithTracing(tracing => tracing
                .AddSource("MassTransit")
                .AddSource(TelemetryPrefix + "*")
                .AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics
                .AddMeter("MassTransit")
                .AddMeter(TelemetryPrefix + "*")
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation());
        // Export only where a collector is configured (OTEL_EXPORTER_OTLP_ENDPOINT), as OpenTelemetry's own tools do.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), tags: ["live"]);

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<BusStartWatchdog>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<BusStartWatchdog>());
        builder.Services.AddBusObserver(sp => sp.GetRequiredService<BusStartWatchdog>());
        return builder;
    }

    /// <summary><c>/health/live</c> (the process runs) and <c>/health/ready</c> (bus connected, database reachable:
    /// every check tagged <c>ready</c>, which MassTransit's bus check is).</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = check => check.Tags.Contains("live") });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        return app;
    }
}
