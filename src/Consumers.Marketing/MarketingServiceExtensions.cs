using Bus.Consumers.Marketing.Contacts;
using Bus.Consumers.Marketing.Gateway;
using Bus.Consumers.Marketing.Persistence;
using Bus.Messaging.Gateway;
using Bus.Messaging.Ordering;
using Bus.Messaging.Outbox;
using Bus.Messaging.Persistence;
using Bus.Messaging.Transport;
using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bus.Consumers.Marketing;

/// <summary>Everything the Marketing service registers; the host, the harness specs and the integration specs all use it.</summary>
public static class MarketingServiceExtensions
{
    public const string ServiceName = "marketing";

    /// <summary>The external system (configuration <c>ExternalSystems:MarketingPlatform</c>).</summary>
    public const string PlatformName = "MarketingPlatform";

    /// <summary>The whole service: options, database, webhook client, and the bus with its consumers.</summary>
    public static TBuilder AddMarketing<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddMarketingCore(builder.Configuration);
        builder.Services.AddBus(builder.Configuration, x => x.AddMarketingConsumers(builder.Configuration));
        return builder;
    }

    /// <summary>Options, the DbContext (schema <c>marketing</c>, migrated at start), the platform's webhook client and helpers.</summary>
    public static IServiceCollection AddMarketingCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MarketingOptions>()
            .Bind(configuration.GetSection(MarketingOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddServiceDatabase<MarketingDbContext>(configuration, MarketingDbContext.Schema);
        services.AddWebhookClient(PlatformName, configuration);
        services.AddSingleton(MarketingEndpoints.From(configuration));
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<MarketingPlatformCommands>();
        services.AddScoped<DeliveredEffectLedger>();
        return services;
    }

    /// <summary>The inbox/outbox and the six consumers: four on <c>marketing</c>, two on <c>marketing-platform-gateway</c>.</summary>
    public static void AddMarketingConsumers(this IBusRegistrationConfigurator x, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(x);
        var options = configuration.GetSection(MarketingOptions.SectionName).Get<MarketingOptions>() ?? new MarketingOptions();
        x.AddEntityFrameworkOutbox<MarketingDbContext>(o =>
        {
            o.UseConfiguredDatabase(configuration);
            o.DuplicateDetectionWindow = options.DuplicateDetectionWindow;
        });

        x.AddConsumer<MarketingContactRegistrationConsumer, MarketingContactRegistrationConsumerDefinition>();
        x.AddConsumer<MarketingEmailChangeConsumer, MarketingEmailChangeConsumerDefinition>();
        x.AddConsumer<MarketingConsentChangeConsumer, MarketingConsentChangeConsumerDefinition>();
        x.AddConsumer<MarketingContactErasureConsumer, MarketingContactErasureConsumerDefinition>();
        x.AddConsumer<MarketingPlatformSyncConsumer, MarketingPlatformSyncConsumerDefinition>();
        x.AddConsumer<MarketingPlatformErasureConsumer, MarketingPlatformErasureConsumerDefinition>();

        var endpoints = MarketingEndpoints.From(configuration);
        x.AddConfigureEndpointsCallback((context, name, cfg) => ConfigureMarketingEndpoints(context, name, cfg, endpoints, options));
    }

    /// <summary>
    /// Endpoint settings, once per endpoint (consumer definitions would apply them once per consumer):
    /// <c>marketing</c> retries, then the inbox/outbox; the gateway retries with back-off except permanent failures, which
    /// fault straight to <c>marketing-platform-gateway_error</c>.
    /// </summary>
    public static void ConfigureMarketingEndpoints(IRegistrationContext context, string name, IReceiveEndpointConfigurator cfg,
        MarketingEndpoints endpoints, MarketingOptions options)
    {
        ArgumentNullException.ThrowIfNull(cfg);
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(options);
        if (name == endpoints.Contacts)
        {
            cfg.ConcurrentMessageLimit = options.ContactConcurrency;
            cfg.UseMessageRetry(r => r.Intervals(50, 200, 500, 1000, 2000));
            cfg.UsePerItemOrdering(options.ContactConcurrency);
            cfg.UseEntityFrameworkOutbox<MarketingDbContext>(context);
        }
        else if (name == endpoints.PlatformGateway)
        {
            cfg.ConcurrentMessageLimit = options.GatewayConcurrency;
            cfg.UseMessageRetry(r => GatewayRetry.Configure(r));
        }
    }
}
