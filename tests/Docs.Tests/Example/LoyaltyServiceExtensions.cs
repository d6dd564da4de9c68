using Bus.Messaging.Gateway;
using Bus.Messaging.Ordering;
using Bus.Messaging.Outbox;
using Bus.Messaging.Persistence;
using Bus.Messaging.Transport;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Loyalty;

/// <summary>Everything the Loyalty service registers; the host and the harness specs use the same parts.</summary>
public static class LoyaltyServiceExtensions
{
    public const string ServiceName = "loyalty";

    /// <summary>The external system (configuration <c>ExternalSystems:LoyaltyPlatform</c>).</summary>
    public const string PlatformName = "LoyaltyPlatform";

    public static TBuilder AddLoyalty<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddLoyaltyCore(builder.Configuration);
        builder.Services.AddBus(builder.Configuration, x => x.AddLoyaltyConsumers(builder.Configuration));
        return builder;
    }

    /// <summary>Options, queue names, the database (schema <c>loyalty</c>, migrated at start) and the platform's client.</summary>
    public static IServiceCollection AddLoyaltyCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LoyaltyOptions>()
            .Bind(configuration.GetSection(LoyaltyOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(LoyaltyEndpoints.From(configuration));
        services.TryAddSingleton(TimeProvider.System);
        services.AddServiceDatabase<LoyaltyDbContext>(configuration, LoyaltyDbContext.Schema);
        services.AddWebhookClient(PlatformName, configuration);
        return services;
    }

    /// <summary>The inbox/outbox and the consumers; the <c>loyalty</c> queue's filters are set once for the queue.</summary>
    public static void AddLoyaltyConsumers(this IBusRegistrationConfigurator x, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(x);
        var endpoints = LoyaltyEndpoints.From(configuration);
        x.AddEntityFrameworkOutbox<LoyaltyDbContext>(o =>
        {
            o.UseConfiguredDatabase(configuration);
            o.DuplicateDetectionWindow = TimeSpan.FromDays(7);
        });

        x.AddConfigureEndpointsCallback((context, name, cfg) =>
        {
            if (name != endpoints.Orders)
                return;

            var options = context.GetRequiredService<IOptions<LoyaltyOptions>>().Value;
            cfg.ConcurrentMessageLimit = options.OrderConcurrency;
            cfg.UseMessageRetry(r => r.Intervals(50, 200, 500, 1000, 2000));
            cfg.UsePerItemOrdering(options.OrderConcurrency);
            cfg.UseEntityFrameworkOutbox<LoyaltyDbContext>(context);
        });

        x.AddConsumer<LoyaltyOrderPlacedConsumer, LoyaltyOrderPlacedConsumerDefinition>();
        x.AddConsumer<LoyaltyOrderCancelledConsumer, LoyaltyOrderCancelledConsumerDefinition>();
        x.AddConsumer<LoyaltyGatewayConsumer, LoyaltyGatewayConsumerDefinition>();
    }
}
