using Bus.Consumers.Notifications.Contacts;
using Bus.Consumers.Notifications.Gateway;
using Bus.Consumers.Notifications.Inventory;
using Bus.Consumers.Notifications.Log;
using Bus.Consumers.Notifications.Orders;
using Bus.Consumers.Notifications.Persistence;
using Bus.Messaging.Gateway;
using Bus.Messaging.Ordering;
using Bus.Messaging.Outbox;
using Bus.Messaging.Persistence;
using Bus.Messaging.Transport;
using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Bus.Consumers.Notifications;

/// <summary>Everything the Notifications service registers. Tests build the same registration from the parts.</summary>
public static class NotificationsServiceExtensions
{
    public const string ServiceName = "notifications";

    /// <summary>The whole service on the configured transport (<c>Bus:Transport</c>).</summary>
    public static TBuilder AddNotifications<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddNotificationsCore(builder.Configuration);
        builder.Services.AddBus(builder.Configuration, x => x.AddNotificationsConsumers(builder.Configuration));
        return builder;
    }

    /// <summary>Options, queue names, the database (with its start-up migration) and the three webhook clients.</summary>
    public static IServiceCollection AddNotificationsCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NotificationsOptions>()
            .Bind(configuration.GetSection(NotificationsOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.ContactRetryMinInterval <= o.ContactRetryMaxInterval,
                "Notifications:ContactRetryMinInterval must not exceed Notifications:ContactRetryMaxInterval")
            .ValidateOnStart();
        services.AddSingleton(NotificationsEndpoints.From(configuration));
        services.TryAddSingleton(TimeProvider.System);
        services.AddServiceDatabase<NotificationsDbContext>(configuration, NotificationsDbContext.Schema);
        services.AddScoped<ContactBook>();
        services.AddScoped<NotificationLog>();
        services.AddScoped<EffectLedger>();
        services.AddWebhookClient(ExternalSystems.Email, configuration);
        services.AddWebhookClient(ExternalSystems.Sms, configuration);
        services.AddWebhookClient(ExternalSystems.Purchasing, configuration);
        return services;
    }

    /// <summary>
    /// The consumers: every domain consumer on the one domain endpoint, behind the inbox/outbox and a retry with back-off
    /// (which also waits for contacts not known yet), and one gateway endpoint per external system.
    /// </summary>
    public static void AddNotificationsConsumers(this IBusRegistrationConfigurator x, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(x);
        var endpoints = NotificationsEndpoints.From(configuration);
        x.AddEntityFrameworkOutbox<NotificationsDbContext>(o => o.UseConfiguredDatabase(configuration));

        x.AddConsumer<NotificationContactRegisteredConsumer, NotificationContactRegisteredConsumerDefinition>();
        x.AddConsumer<NotificationContactEmailConsumer, NotificationContactEmailConsumerDefinition>();
        x.AddConsumer<NotificationContactPhoneConsumer, NotificationContactPhoneConsumerDefinition>();
        x.AddConsumer<NotificationContactErasureConsumer, NotificationContactErasureConsumerDefinition>();
        x.AddConsumer<OrderShippedEmailConsumer, OrderShippedEmailConsumerDefinition>();
        x.AddConsumer<OrderDeliveredSmsConsumer, OrderDeliveredSmsConsumerDefinition>();
        x.AddConsumer<LowStockAlertConsumer, LowStockAlertConsumerDefinition>();

        x.AddConsumer<EmailGatewayConsumer, EmailGatewayConsumerDefinition>();
        x.AddConsumer<SmsGatewayConsumer, SmsGatewayConsumerDefinition>();
        x.AddConsumer<PurchasingAlertGatewayConsumer, PurchasingAlertGatewayConsumerDefinition>();

        x.AddConfigureEndpointsCallback((context, name, cfg) =>
        {
            if (name != endpoints.Domain)
                return;

            var options = context.GetRequiredService<IOptions<NotificationsOptions>>().Value;
            cfg.ConcurrentMessageLimit = options.DomainConcurrencyLimit;
            if (cfg is IRabbitMqReceiveEndpointConfigurator rabbit)
                rabbit.PrefetchCount = options.DomainConcurrencyLimit;

            // Outside the inbox/outbox: every attempt is its own transaction, rolled back when it throws.
            cfg.UseMessageRetry(r => r.Exponential(options.ContactRetryLimit, options.ContactRetryMinInterval,
                options.ContactRetryMaxInterval, options.ContactRetryIntervalDelta));
            cfg.UsePerItemOrdering(options.DomainConcurrencyLimit);
            cfg.UseEntityFrameworkOutbox<NotificationsDbContext>(context);
        });
    }
}
