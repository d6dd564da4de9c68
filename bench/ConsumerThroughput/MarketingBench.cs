using Bus.Consumers.Marketing;
using Bus.Consumers.Marketing.Contacts;
using Bus.Consumers.Marketing.Gateway;
using Bus.Consumers.Marketing.Persistence;
using Bus.Contracts;
using Bus.Contracts.Customers;
using Bus.Messaging.Transport;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Bus.ConsumerThroughput;

/// <summary>The Marketing service: customer events on <c>marketing</c>, each syncing or erasing a contact through the gateway.</summary>
public sealed class MarketingBench : IBenchedService
{
    public string Name => MarketingServiceExtensions.ServiceName;

    public string ExternalSystem => MarketingServiceExtensions.PlatformName;

    public string DomainQueue(string prefix) => new MarketingEndpoints(prefix).Contacts;

    public IReadOnlyList<string> Queues(string prefix) => [new MarketingEndpoints(prefix).Contacts, new MarketingEndpoints(prefix).PlatformGateway];

    public void AddWithInboxOutbox(IServiceCollection services, IConfiguration configuration)
    {
        services.AddMarketingCore(configuration);
        services.AddBus(configuration, x => x.AddMarketingConsumers(configuration));
    }

    public void AddWithoutInboxOutbox(IServiceCollection services, IConfiguration configuration)
    {
        services.AddMarketingCore(configuration);
        services.AddBus(configuration, x =>
        {
            var options = configuration.GetSection(MarketingOptions.SectionName).Get<MarketingOptions>() ?? new MarketingOptions();
            var endpoints = MarketingEndpoints.From(configuration);
            x.AddConsumer<MarketingContactRegistrationConsumer, MarketingContactRegistrationConsumerDefinition>();
            x.AddConsumer<MarketingEmailChangeConsumer, MarketingEmailChangeConsumerDefinition>();
            x.AddConsumer<MarketingConsentChangeConsumer, MarketingConsentChangeConsumerDefinition>();
            x.AddConsumer<MarketingContactErasureConsumer, MarketingContactErasureConsumerDefinition>();
            x.AddConsumer<MarketingPlatformSyncConsumer, MarketingPlatformSyncConsumerDefinition>();
            x.AddConsumer<MarketingPlatformErasureConsumer, MarketingPlatformErasureConsumerDefinition>();
            x.AddConfigureEndpointsCallback((context, name, cfg) =>
            {
                if (name == endpoints.Contacts)
                {
                    // MarketingServiceExtensions.ConfigureMarketingEndpoints for this endpoint, minus UseEntityFrameworkOutbox.
                    cfg.ConcurrentMessageLimit = options.ContactConcurrency;
                    cfg.UseMessageRetry(r => r.Intervals(50, 200, 500, 1000, 2000));
                }
                else
                {
                    MarketingServiceExtensions.ConfigureMarketingEndpoints(context, name, cfg, endpoints, options);
                }
            });
        });
    }

    /// <summary>Per ten events: four registrations, three e-mail changes, two consent changes, one deletion, each on a new customer.</summary>
    public IReadOnlyList<BenchEvent> Events(int count)
    {
        var events = new List<BenchEvent>(count);
        for (var i = 0; i < count; i++)
        {
            var customer = Change.Id("bench-customer", i);
            var key = $"customerId={customer}";
            events.Add((i % 10) switch
            {
                < 4 => BenchEvent.Of(i, new CustomerRegistered
                {
                    Change = Change.Of("Customers", key, i, 1, ChangeKind.Insert),
                    CustomerId = customer,
                    Email = $"{customer}@example.com",
                    Name = "Bench Customer",
                    MarketingOptIn = i % 2 == 0,
                }),
                < 7 => BenchEvent.Of(i, new CustomerEmailChanged
                {
                    Change = Change.Of("Customers", key, i, 2, ChangeKind.Modify),
                    CustomerId = customer,
                    Email = $"{customer}@example.org",
                }),
                < 9 => BenchEvent.Of(i, new CustomerMarketingConsentChanged
                {
                    Change = Change.Of("Customers", key, i, 2, ChangeKind.Modify),
                    CustomerId = customer,
                    MarketingOptIn = true,
                    PreviousMarketingOptIn = false,
                }),
                _ => BenchEvent.Of(i, new CustomerDeleted
                {
                    Change = Change.Of("Customers", key, i, 2, ChangeKind.Remove),
                    CustomerId = customer,
                    ExpiredByTtl = false,
                }),
            });
        }

        return events;
    }

    public async Task<IReadOnlyDictionary<string, int>> RowCounts(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketingDbContext>();
        return new Dictionary<string, int> { ["contacts"] = await db.Contacts.CountAsync(x => x.CustomerId.StartsWith("bench-"), cancellationToken) };
    }

    public IReadOnlyDictionary<string, int> ExpectedRowCounts(IReadOnlyList<BenchEvent> events) =>
        new Dictionary<string, int> { ["contacts"] = events.Count };

    /// <summary>Every event is the first change of a new contact, so each one syncs or erases it once.</summary>
    public int ExpectedCalls(IReadOnlyList<BenchEvent> events) => events.Count;
}
