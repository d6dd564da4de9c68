using System.Reflection;
using Bus.Consumers.Marketing;
using Bus.Consumers.Notifications;
using Bus.Consumers.Shipping.Hosting;
using MassTransit;
using Microsoft.Extensions.Configuration;

namespace Bus.Deployment.Tests.Compose;

/// <summary>The three services share one broker (and MassTransit derives names from consumer types), so nothing of one may
/// take the name of another's.</summary>
public sealed class ServicesOnOneBroker_Specs
{
    private static readonly Assembly[] Services =
        [typeof(MarketingEndpoints).Assembly, typeof(ShippingEndpoints).Assembly, typeof(NotificationsEndpoints).Assembly];

    [Fact]
    public void Consumer_class_names_are_unique_across_the_services()
    {
        var consumers = Services.SelectMany(a => a.GetTypes())
            .Where(t => t is { IsClass: true, IsAbstract: false } && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IConsumer<>)))
            .ToList();

        Assert.Equal([6, 6, 10], Services.Select(a => consumers.Count(c => c.Assembly == a)).Order());
        var repeated = consumers.GroupBy(c => c.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => string.Join(", ", g.Select(t => t.FullName)));
        Assert.Empty(repeated);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("prod")]
    public void No_two_services_receive_from_the_same_queue(string? prefix)
    {
        var marketing = new MarketingEndpoints(prefix);
        var shipping = ShippingEndpoints.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Bus:EndpointPrefix"] = prefix }).Build());
        string[][] queues = [[marketing.Contacts, marketing.PlatformGateway], [shipping.Domain, shipping.Gateway], [.. new NotificationsEndpoints(prefix).All]];

        var all = queues.SelectMany(q => q).ToList();
        Assert.Equal(all.Count, all.Distinct(StringComparer.Ordinal).Count());
        Assert.All(all, q => Assert.StartsWith(prefix is null ? string.Empty : prefix + "-", q, StringComparison.Ordinal));
    }
}
