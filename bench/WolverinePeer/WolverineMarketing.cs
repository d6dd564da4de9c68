using Bus.Consumers.Marketing;
using Bus.Consumers.Marketing.Gateway;
using Bus.Contracts.Customers;
using Bus.TestSupport;
using Bus.WolverinePeer.Contacts;
using Bus.WolverinePeer.Gateway;
using Microsoft.Extensions.Hosting;
using Wolverine;
using Wolverine.EntityFrameworkCore;
using Wolverine.Postgresql;
using Wolverine.RabbitMQ;

namespace Bus.WolverinePeer;

/// <summary>
/// The Marketing work on Wolverine: Bus's own <c>AddMarketingCore</c> (the same DbContext, migrations, webhook client and effect
/// ledger), Wolverine's PostgreSQL message store in schema <c>wolverine</c> of the run's database, its EF Core transactional
/// middleware, the domain queue with Wolverine's durable inbox, and the gateway commands sent through its durable outbox.
/// </summary>
public static class WolverineMarketing
{
    public const string MessageStoreSchema = "wolverine";

    /// <summary>The messages the six handlers take: four events on the domain queue, two commands on the gateway queue.</summary>
    public static IReadOnlyList<Type> HandledMessageTypes { get; } =
    [
        typeof(CustomerRegistered), typeof(CustomerEmailChanged), typeof(CustomerMarketingConsentChanged), typeof(CustomerDeleted),
        typeof(SyncMarketingContact), typeof(EraseMarketingContact),
    ];

    public static void AddWolverineMarketing(this HostApplicationBuilder builder, PeerQueues queues, ServerFixture servers, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(queues);
        builder.Services.AddMarketingCore(builder.Configuration);
        // The same concurrency settings as the Bus service, so --set Marketing:ContactConcurrency=… moves both.
        var options = builder.Configuration.GetSection(MarketingOptions.SectionName).Get<MarketingOptions>() ?? new MarketingOptions();
        builder.UseWolverine(opts =>
        {
            opts.ServiceName = queues.Prefix;
            opts.Discovery.DisableConventionalDiscovery()
                .IncludeType(typeof(ContactRegistrationHandler))
                .IncludeType(typeof(EmailChangeHandler))
                .IncludeType(typeof(ConsentChangeHandler))
                .IncludeType(typeof(ContactErasureHandler))
                .IncludeType(typeof(PlatformSyncHandler))
                .IncludeType(typeof(PlatformErasureHandler));
            opts.PersistMessagesWithPostgresql(connectionString, MessageStoreSchema);
            opts.UseEntityFrameworkCoreTransactions();
            opts.Policies.Add<MarketingRetryPolicy>();

            queues.UseRabbitMq(opts, servers);
            opts.ListenToRabbitQueue(queues.Domain).UseDurableInbox().MaximumParallelMessages(options.ContactConcurrency);
            // Like Bus's gateway endpoint: no inbox, the broker message is acknowledged once the handler finished. An inline
            // listener's parallelism is the RabbitMQ client's consumer dispatch concurrency.
            opts.ListenToRabbitQueue(queues.Gateway).ProcessInline().ConsumerDispatchConcurrency((ushort)options.GatewayConcurrency);
            // Wolverine has one mode per endpoint, so sending durably to the gateway queue itself would give its listener a
            // durable inbox too. The commands go through an exchange bound to the queue instead, which is also the route
            // MassTransit takes for a send to queue:<name> (an exchange of that name bound to the queue).
            opts.PublishMessage<SyncMarketingContact>().ToRabbitExchange(queues.Gateway, e => e.BindQueue(queues.Gateway)).UseDurableOutbox();
            opts.PublishMessage<EraseMarketingContact>().ToRabbitExchange(queues.Gateway, e => e.BindQueue(queues.Gateway)).UseDurableOutbox();
        });
    }
}
