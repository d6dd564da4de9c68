using Bus.Consumers.Shipping.Hosting;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Bus.Consumers.Shipping.Tests.Infrastructure;

/// <summary>The inbox's duplicate-detection window comes from the service's options; no server needed.</summary>
public sealed class DuplicateWindow_Specs
{
    [Fact]
    public void Inbox_rows_are_kept_seven_days_unless_the_duplicate_detection_window_is_configured()
    {
        using var byDefault = Build(null);
        using var configured = Build("2.00:00:00");

        Assert.Equal((TimeSpan.FromDays(7), TimeSpan.FromDays(2)), (Window(byDefault), Window(configured)));
    }

    [Fact]
    public void A_window_shorter_than_a_minute_is_rejected_at_start()
    {
        using var provider = Build("00:00:30");

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ShippingOptions>>().Value);
        Assert.Contains("DuplicateDetectionWindow", error.Message, StringComparison.Ordinal);
    }

    private static TimeSpan Window(ServiceProvider provider) =>
        provider.GetRequiredService<IOptions<InboxCleanupServiceOptions<Bus.Consumers.Shipping.Persistence.ShippingDbContext>>>().Value.DuplicateDetectionWindow;

    private static ServiceProvider Build(string? window)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:ConnectionString"] = "Data Source=unused.db",
            ["ExternalSystems:ShippingSystem:BaseUrl"] = "http://127.0.0.1:9/",
            ["ExternalSystems:ShippingSystem:SigningSecret"] = "a-signing-secret-of-enough-length",
        };
        if (window is not null)
            settings["Shipping:DuplicateDetectionWindow"] = window;

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddShippingCore(configuration);
        services.AddMassTransit(x => x.AddShippingConsumers(configuration));
        return services.BuildServiceProvider();
    }
}
