using Bus.Consumers.Notifications.Contacts;
using Bus.Consumers.Notifications.Gateway;
using Bus.Consumers.Notifications.Inventory;
using Bus.Consumers.Notifications.Orders;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Bus.Consumers.Notifications.Tests.Infrastructure;

/// <summary>What the registration sets up, without a bus running.</summary>
public sealed class Registration_Specs
{
    [Fact]
    public void Domain_consumers_share_one_prefixed_endpoint_and_each_gateway_has_its_own()
    {
        using var provider = Build(new() { ["Bus:EndpointPrefix"] = "p1" });
        var formatter = KebabCaseEndpointNameFormatter.Instance;

        string EndpointOf<T>()
            where T : class, IConsumer => provider.GetRequiredService<IConsumerDefinition<T>>().GetEndpointName(formatter);

        Assert.Equal(
            Enumerable.Repeat("p1-notifications", 7),
            [EndpointOf<NotificationContactRegisteredConsumer>(), EndpointOf<NotificationContactEmailConsumer>(), EndpointOf<NotificationContactPhoneConsumer>(),
             EndpointOf<NotificationContactErasureConsumer>(), EndpointOf<OrderShippedEmailConsumer>(), EndpointOf<OrderDeliveredSmsConsumer>(),
             EndpointOf<LowStockAlertConsumer>()]);
        Assert.Equal(
            ["p1-notifications-email-gateway", "p1-notifications-sms-gateway", "p1-notifications-purchasing-gateway"],
            [EndpointOf<EmailGatewayConsumer>(), EndpointOf<SmsGatewayConsumer>(), EndpointOf<PurchasingAlertGatewayConsumer>()]);
    }

    [Fact]
    public void Without_a_prefix_the_queues_carry_the_service_name_alone()
    {
        Assert.Equal(["notifications", "notifications-email-gateway", "notifications-sms-gateway", "notifications-purchasing-gateway"],
            new NotificationsEndpoints(null).All);
    }

    [Fact]
    public void Defaults_bound_the_contact_wait_to_eight_retries_between_one_and_thirty_seconds()
    {
        using var provider = Build([]);

        var options = provider.GetRequiredService<IOptions<NotificationsOptions>>().Value;

        Assert.Equal((8, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1), 16, 4),
            (options.ContactRetryLimit, options.ContactRetryMinInterval, options.ContactRetryMaxInterval, options.ContactRetryIntervalDelta,
             options.DomainConcurrencyLimit, options.GatewayConcurrencyLimit));
    }

    [Fact]
    public void Inbox_rows_are_kept_seven_days_unless_the_duplicate_detection_window_is_configured()
    {
        using var byDefault = Build([]);
        using var configured = Build(new() { ["Notifications:DuplicateDetectionWindow"] = "2.00:00:00" });

        Assert.Equal((TimeSpan.FromDays(7), TimeSpan.FromDays(2)), (Window(byDefault), Window(configured)));

        static TimeSpan Window(ServiceProvider provider) =>
            provider.GetRequiredService<IOptions<InboxCleanupServiceOptions<Persistence.NotificationsDbContext>>>().Value.DuplicateDetectionWindow;
    }

    [Fact]
    public void A_minimum_retry_interval_above_the_maximum_is_rejected()
    {
        using var provider = Build(new() { ["Notifications:ContactRetryMinInterval"] = "00:01:00", ["Notifications:ContactRetryMaxInterval"] = "00:00:10" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<NotificationsOptions>>().Value);
        Assert.Equal("Notifications:ContactRetryMinInterval must not exceed Notifications:ContactRetryMaxInterval", error.Message);
    }

    [Fact]
    public void A_signing_secret_shorter_than_sixteen_characters_is_rejected()
    {
        using var provider = Build(new() { ["ExternalSystems:Sms:SigningSecret"] = "short" });

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptionsMonitor<Bus.Messaging.Gateway.ExternalSystemOptions>>().Get("Sms"));
    }

    private static ServiceProvider Build(Dictionary<string, string?> overrides)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:ConnectionString"] = "Data Source=unused.db",
        };
        foreach (var system in new[] { "Email", "Sms", "Purchasing" })
        {
            settings[$"ExternalSystems:{system}:BaseUrl"] = "http://127.0.0.1:9/";
            settings[$"ExternalSystems:{system}:SigningSecret"] = NotificationsHarness.Secret;
        }

        foreach (var (key, value) in overrides)
            settings[key] = value;

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddNotificationsCore(configuration);
        services.AddMassTransit(x => x.AddNotificationsConsumers(configuration));
        return services.BuildServiceProvider();
    }
}
