using Bus.Consumers.Shipping.Addresses;
using Bus.Consumers.Shipping.Gateway;
using Bus.Consumers.Shipping.Persistence;
using Bus.Consumers.Shipping.Shipments;
using Bus.Consumers.Shipping.Tracking;
using Bus.Messaging.Gateway;
using Bus.Messaging.Ordering;
using Bus.Messaging.Outbox;
using Bus.Messaging.Persistence;
using Bus.Messaging.Transport;
using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Bus.Consumers.Shipping.Hosting;

/// <summary>All of the shipping service's registration: the host uses <see cref="AddShipping"/>; harness tests build the
/// same parts with <see cref="AddShippingCore"/> and <see cref="AddShippingConsumers"/>.</summary>
public static class ShippingServiceExtensions
{
    public const string ServiceName = "shipping";

    public static TBuilder AddShipping<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddShippingCore(builder.Configuration);
        builder.Services.AddBus(builder.Configuration, x => x.AddShippingConsumers(builder.Configuration));
        return builder;
    }

    /// <summary>Options, the database (schema <c>shipping</c>), the shipping system's webhook client and the services the
    /// consumers use.</summary>
    public static IServiceCollection AddShippingCore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ShippingOptions>()
            .Bind(configuration.GetSection(ShippingOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(ShippingEndpoints.From(configuration));
        services.TryAddSingleton(TimeProvider.System);
        services.AddServiceDatabase<ShippingDbContext>(configuration, ShippingDbContext.Schema);
        services.AddWebhookClient(ShippingSystem.Name, configuration);
        services.AddScoped<ShippingSystemGateway>();
        services.AddScoped<OrderTrackingProjection>();
        return services;
    }

    /// <summary>
    /// The consumers, and the inbox/outbox of the domain endpoint, configured once for all consumers on it (a filter per
    /// consumer definition would be connected once per consumer).
    /// </summary>
    public static void AddShippingConsumers(this IBusRegistrationConfigurator x, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(x);
        var domain = ShippingEndpoints.From(configuration).Domain;
        x.AddEntityFrameworkOutbox<ShippingDbContext>(o => o.UseConfiguredDatabase(configuration));
        x.AddConfigureEndpointsCallback((context, name, cfg) =>
        {
            if (name != domain)
                return;

            var options = context.GetRequiredService<IOptions<ShippingOptions>>().Value;
            cfg.UseMessageRetry(r => r.Exponential(options.DomainRetryLimit, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(100)));
            cfg.UsePerItemOrdering(options.DomainConcurrencyLimit);
            cfg.UseEntityFrameworkOutbox<ShippingDbContext>(context);
        });

        x.AddConsumer<ShippingAddressBookConsumer, ShippingAddressBookConsumerDefinition>();
        x.AddConsumer<ShippingAddressErasureConsumer, ShippingAddressErasureConsumerDefinition>();
        x.AddConsumer<ShippingOrderTrackingConsumer, ShippingOrderTrackingConsumerDefinition>();
        x.AddConsumer<ShippingOrderPlacedConsumer, ShippingOrderPlacedConsumerDefinition>();
        x.AddConsumer<ShippingOrderCancelledConsumer, ShippingOrderCancelledConsumerDefinition>();
        x.AddConsumer<ShippingSystemGatewayConsumer, ShippingSystemGatewayConsumerDefinition>();
    }

    /// <summary><c>GET /orders/{orderId}</c>: the order-tracking read model's row as JSON, 404 when the order is unknown.</summary>
    public static WebApplication MapShippingEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/orders/{orderId}", async (string orderId, OrderTrackingProjection projection, CancellationToken cancellationToken) =>
            await projection.Find(orderId, cancellationToken) is { } view ? Results.Ok(view) : Results.NotFound());
        return app;
    }
}
