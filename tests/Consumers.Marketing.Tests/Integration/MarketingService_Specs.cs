using System.Text;
using Bus.Consumers.Marketing.Gateway;
using Bus.Consumers.Marketing.Tests.Infrastructure;
using Bus.Messaging.Outbox;
using Bus.Messaging.Transport;
using Bus.TestSupport;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using RabbitMQ.Client;

namespace Bus.Consumers.Marketing.Tests.Integration;

/// <summary>
/// The service as it runs: its host on real RabbitMQ and PostgreSQL (a database of its own, migrated by the start-up path),
/// fed by a separate publishing bus, calling a loopback stand-in for the marketing platform. Queue names carry a prefix of
/// the test's own and are deleted afterwards; customer ids are the test's own too, since the event exchanges are shared.
/// </summary>
[Trait("Category", "Integration")]
public sealed class MarketingService_Specs(ServerFixture servers) : IAsyncLifetime
{
    private readonly string _prefix = "mkt-" + Guid.NewGuid().ToString("N")[..10];
    private readonly List<MarketingServiceHost> _hosts = [];
    private PostgresDatabase _database = null!;
    private LoopbackHttpServer _platform = null!;
    private IBusControl _publisher = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private MarketingEndpoints Endpoints => new(_prefix);

    public async ValueTask InitializeAsync()
    {
        _database = await servers.CreateDatabase();
        _platform = await LoopbackHttpServer.StartAsync();
        _publisher = MassTransit.Bus.Factory.CreateUsingRabbitMq(cfg => cfg.ConfigureRabbitMqHost(Rabbit()));
        await _publisher.StartAsync(Cancel);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            foreach (var host in _hosts)
                await host.DisposeAsync();
            await _publisher.StopAsync(CancellationToken.None);
        }
        finally
        {
            await servers.DeleteEndpoints([Endpoints.Contacts, Endpoints.PlatformGateway]);
            foreach (var command in new[] { typeof(SyncMarketingContact), typeof(EraseMarketingContact) })
            {
                servers.SharedExchange($"{command.Namespace}:{command.Name}");
                servers.SharedExchange($"MassTransit:Fault--{command.Namespace}:{command.Name}--");
            }

            await _platform.DisposeAsync();
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_duplicate_delivery_of_an_event_makes_exactly_one_call()
    {
        var host = await StartHost();
        var customer = Customer("dup");
        var registered = Events.Registered(customer, "ada@example.com", optIn: true);
        var messageId = NewId.NextGuid();

        await Publish(registered, messageId);
        await Publish(registered, messageId);
        await Eventually.True(() => host.Query(db => db.Set<InboxState>().AnyAsync(x => x.MessageId == messageId && x.ReceiveCount == 2 && x.Delivered != null, Cancel)),
            "both copies went through the inbox");
        await Eventually.True(() => _platform.For(customer).Count == 1, "the platform received the sync");
        await Task.Delay(500, Cancel);

        var request = Assert.Single(_platform.For(customer));
        Assert.Equal(("/contacts", $"marketing-contact-sync:evt-{customer}-100:CustomerRegistered"), (request.Path, request.Key()));
    }

    [Fact]
    public async Task A_platform_failing_with_503_several_times_is_retried_until_exactly_one_call_succeeds()
    {
        var customer = Customer("retry");
        var failures = 0;
        _platform.Responder = r => r.CustomerId() == customer && Interlocked.Increment(ref failures) <= 3 ? 503 : 200;
        var host = await StartHost();

        await Publish(Events.Registered(customer, "ada@example.com", optIn: true), NewId.NextGuid());
        await Eventually.True(() => host.Query(db => db.DeliveredEffects.AnyAsync(x => x.CustomerId == customer && x.DeliveredAt != null, Cancel)), "the effect was recorded");

        var requests = _platform.For(customer);
        Assert.Equal(4, requests.Count);
        Assert.Single(requests.Select(r => r.Key()).Distinct());
        Assert.Equal(1, await host.Query(db => db.DeliveredEffects.CountAsync(x => x.CustomerId == customer, Cancel)));
    }

    [Fact]
    public async Task A_call_the_platform_rejects_with_422_lands_in_the_gateway_error_queue_with_the_reason_and_has_no_effect()
    {
        var customer = Customer("reject");
        _platform.Responder = r => r.CustomerId() == customer ? 422 : 200;
        var host = await StartHost();

        await Publish(Events.Registered(customer, "ada@example.com", optIn: true), NewId.NextGuid());
        var faulted = await ReadErrorQueue(Endpoints.PlatformGateway + "_error");

        Assert.Equal("MarketingPlatform answered 422 Unprocessable Entity to POST /contacts", Header(faulted, "MT-Fault-Message"));
        Assert.Equal(typeof(Messaging.Gateway.PermanentExternalFailureException).FullName, Header(faulted, "MT-Fault-ExceptionType"));
        Assert.Contains(customer, Encoding.UTF8.GetString(faulted.Body.Span), StringComparison.Ordinal);
        Assert.Single(_platform.For(customer));
        Assert.Equal(0, await host.Query(db => db.DeliveredEffects.CountAsync(x => x.CustomerId == customer, Cancel)));
    }

    [Fact]
    public async Task A_stale_event_older_than_one_applied_is_ignored_without_a_call()
    {
        var host = await StartHost();
        var customer = Customer("stale");
        await Publish(Events.EmailChanged(customer, "newer@example.com", "300", 3), NewId.NextGuid());
        await Eventually.True(() => _platform.For(customer).Count == 1, "the newer change was synced");

        var stale = NewId.NextGuid();
        await Publish(Events.EmailChanged(customer, "older@example.com", "200", 2), stale);
        await Eventually.True(() => host.Query(db => db.Set<InboxState>().AnyAsync(x => x.MessageId == stale && x.Delivered != null, Cancel)),
            "the older change went through the inbox");
        await Task.Delay(500, Cancel);

        Assert.Equal($"marketing-contact-sync:evt-{customer}-300:CustomerEmailChanged", Assert.Single(_platform.For(customer)).Key());
        var contact = await host.Query(db => db.Contacts.SingleAsync(x => x.CustomerId == customer, Cancel));
        Assert.Equal(("newer@example.com", 3L), (contact.Email, contact.EmailVersion));
    }

    [Fact]
    public async Task Two_instances_on_the_same_queues_fed_duplicated_events_make_each_call_exactly_once()
    {
        var first = await StartHost();
        await StartHost();
        var customers = Enumerable.Range(0, 10).Select(i => Customer($"pair{i}")).ToList();
        var events = customers.SelectMany(c => new object[]
        {
            Events.Registered(c, $"{c}@example.com", optIn: false, "100", 1),
            Events.ConsentChanged(c, optIn: true, "200", 2),
        }).Select(e => (Event: e, MessageId: NewId.NextGuid())).ToList();

        await Task.WhenAll(events.Concat(events).Select(x => Publish(x.Event, x.MessageId)));
        var ids = events.Select(x => x.MessageId).ToList();
        await Eventually.True(async () => await first.Query(db => db.Set<InboxState>().CountAsync(x => ids.Contains(x.MessageId) && x.ReceiveCount == 2 && x.Delivered != null, Cancel)) == 20,
            "both copies of every event went through the inbox", 40);
        await Eventually.True(() => customers.Sum(c => _platform.For(c).Count) >= 20, "every effect reached the platform", 40);
        await Task.Delay(1000, Cancel);

        var requests = customers.SelectMany(c => _platform.For(c)).ToList();
        Assert.Equal(20, requests.Count);
        Assert.Equal(20, requests.Select(r => r.Key()).Distinct().Count());
        Assert.All(customers, c => Assert.Equal(2, _platform.For(c).Count));
        Assert.Equal(20, await first.Query(db => db.DeliveredEffects.CountAsync(x => customers.Contains(x.CustomerId) && x.DeliveredAt != null, Cancel)));
    }

    [Fact]
    public async Task A_call_claimed_by_a_copy_that_died_before_recording_it_is_made_once_the_claim_expires_not_faulted()
    {
        // What a copy leaves when it is killed between its claim and the record of its call (or cannot record it while
        // the database restarts): a claim nobody will finish. The gateway's own retries are over in about 15 s.
        var host = await StartHost(new Dictionary<string, string?> { ["Marketing:EffectClaimTimeout"] = "00:00:20" });
        var customer = Customer("orphan");
        var key = $"marketing-contact-sync:evt-{customer}-100:CustomerRegistered";
        await host.Query(db =>
        {
            db.DeliveredEffects.Add(new DeliveredEffect { IdempotencyKey = key, CustomerId = customer, ClaimToken = Guid.NewGuid(), ClaimedAt = DateTimeOffset.UtcNow });
            return db.SaveChangesAsync(Cancel);
        });

        await Publish(Events.Registered(customer, "ada@example.com", optIn: true), NewId.NextGuid());
        await Eventually.True(() => _platform.For(customer).Count >= 1, "the call was made after the claim expired", 75);

        Assert.Equal(key, Assert.Single(_platform.For(customer)).Key());
        await Eventually.True(() => host.Query(db => db.DeliveredEffects.AnyAsync(x => x.IdempotencyKey == key && x.DeliveredAt != null, Cancel)),
            "the call was recorded");
        Assert.Equal(0u, await MessageCount(Endpoints.PlatformGateway + "_error"));
    }

    private string Customer(string name) => $"{_prefix}-{name}";

    private async Task<uint> MessageCount(string queue)
    {
        var factory = new ConnectionFactory { HostName = servers.RabbitHost, Port = servers.RabbitPort, UserName = servers.RabbitUser, Password = servers.RabbitPassword };
        await using var connection = await factory.CreateConnectionAsync(Cancel);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: Cancel);
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue, Cancel)).MessageCount;
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            return 0; // never declared: nothing was ever faulted
        }
    }

    private async Task<MarketingServiceHost> StartHost(IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["Database:ConnectionString"] = _database.ConnectionString,
            ["Database:MigrateOnStart"] = "true",
            ["Bus:Transport"] = "RabbitMq",
            ["Bus:EndpointPrefix"] = _prefix,
            ["Bus:RabbitMq:Host"] = servers.RabbitHost,
            ["Bus:RabbitMq:Port"] = servers.RabbitPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Bus:RabbitMq:Username"] = servers.RabbitUser,
            ["Bus:RabbitMq:Password"] = servers.RabbitPassword,
            ["ExternalSystems:MarketingPlatform:BaseUrl"] = _platform.BaseAddress.ToString(),
            ["ExternalSystems:MarketingPlatform:SigningSecret"] = PlatformRequests.SigningSecret,
            ["ExternalSystems:MarketingPlatform:MaxRetryAttempts"] = "1",
            ["ExternalSystems:MarketingPlatform:RetryBaseDelay"] = "00:00:00.050",
            ["ExternalSystems:MarketingPlatform:BreakerMinimumThroughput"] = "1000",
        };
        foreach (var (setting, value) in extra ?? new Dictionary<string, string?>())
            settings[setting] = value;
        var host = await MarketingServiceHost.Start(settings);
        _hosts.Add(host);
        return host;
    }

    private RabbitMqOptions Rabbit() => new()
    {
        Host = servers.RabbitHost,
        Port = servers.RabbitPort,
        Username = servers.RabbitUser,
        Password = servers.RabbitPassword,
    };

    private Task Publish(object message, Guid messageId) =>
        _publisher.Publish(message, message.GetType(), c => c.MessageId = messageId, Cancel);

    private async Task<BasicGetResult> ReadErrorQueue(string queue)
    {
        var factory = new ConnectionFactory { HostName = servers.RabbitHost, Port = servers.RabbitPort, UserName = servers.RabbitUser, Password = servers.RabbitPassword };
        await using var connection = await factory.CreateConnectionAsync(Cancel);
        BasicGetResult? result = null;
        await Eventually.True(async () =>
        {
            // MassTransit declares the error queue with the first fault; until then the broker answers 404 and closes the channel.
            await using var channel = await connection.CreateChannelAsync(cancellationToken: Cancel);
            try
            {
                result = await channel.BasicGetAsync(queue, autoAck: true, Cancel);
            }
            catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
            {
                return false;
            }

            return result is not null;
        }, $"a message is in {queue}");
        return result!;
    }

    private static string? Header(BasicGetResult message, string name) =>
        message.BasicProperties.Headers?.TryGetValue(name, out var value) == true && value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : null;
}
