using System.Text;
using System.Text.Json;
using Bus.StreamBridge.Pipeline;
using Bus.StreamBridge.Records;
using Bus.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RabbitMQ.Client;

namespace Bus.Integration.Tests;

/// <summary>The bridge against the real RabbitMQ that scripts/servers.sh started.</summary>
public sealed class RabbitMqBridgeSpecs(Servers servers)
{
    private const string Sample = "dynamodb-new-and-old-images.json";

    private static readonly string[] EventExchanges =
    [
        "Bus.Contracts.Customers:CustomerRegistered", "Bus.Contracts.Customers:CustomerEmailChanged",
        "Bus.Contracts.Customers:CustomerAddressChanged", "Bus.Contracts.Customers:CustomerPhoneChanged",
        "Bus.Contracts.Customers:CustomerMarketingConsentChanged", "Bus.Contracts.Customers:CustomerDeleted",
        "Bus.Contracts.Orders:OrderPlaced", "Bus.Contracts.Orders:OrderStatusChanged", "Bus.Contracts.Orders:OrderShipped",
        "Bus.Contracts.Orders:OrderDelivered", "Bus.Contracts.Orders:OrderCancelled",
        "Bus.Contracts.Inventory:StockLevelChanged", "Bus.Contracts.Inventory:LowStockDetected",
        "Bus.Contracts.Inventory:ProductDiscontinued",
    ];

    /// <summary>The fields a MassTransit envelope may have (docs/contracts.md, "On the wire"); null ones are left out.</summary>
    private static readonly HashSet<string> EnvelopeFields =
    [
        "messageId", "requestId", "correlationId", "conversationId", "initiatorId", "sourceAddress", "destinationAddress",
        "responseAddress", "faultAddress", "messageType", "message", "expirationTime", "sentTime", "headers", "host",
    ];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_event_reaches_a_queue_bound_to_the_contract_exchanges_with_its_deterministic_id()
    {
        var (expected, received) = await PublishSampleAsync();

        Assert.Equal(expected.OrderBy(e => e.Id), received.Select(Identify).OrderBy(e => e.Id));
    }

    [Fact]
    public async Task Every_message_is_a_MassTransit_envelope_around_the_event_as_the_committed_wire_contract_describes_it()
    {
        using var contract = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "wire-contract.json"), Cancel));
        var events = contract.RootElement.GetProperty("events").EnumerateObject().ToDictionary(e => e.Value.GetProperty("urn").GetString()!, e => e.Value);
        var change = contract.RootElement.GetProperty("types").GetProperty("Bus.Contracts.ChangeMetadata");
        var changeKinds = contract.RootElement.GetProperty("enums").GetProperty("Bus.Contracts.ChangeKind").EnumerateObject().Select(m => m.Value.GetString()).ToHashSet();

        var (_, received) = await PublishSampleAsync();

        Assert.NotEmpty(received);
        Assert.All(received, m =>
        {
            var envelope = m.Body.RootElement;
            Assert.Equal(("application/vnd.masstransit+json", true), (m.ContentType, m.Persistent));
            Assert.Equal(envelope.GetProperty("messageId").GetString(), m.MessageId);
            Assert.Subset(EnvelopeFields, envelope.EnumerateObject().Select(p => p.Name).ToHashSet());
            Assert.True(DateTimeOffset.TryParse(envelope.GetProperty("sentTime").GetString(), System.Globalization.CultureInfo.InvariantCulture, out _));

            var urn = envelope.GetProperty("messageType")[0].GetString()!;
            Assert.Equal([urn, "urn:message:Bus.Contracts:IChangeEvent"], envelope.GetProperty("messageType").EnumerateArray().Select(t => t.GetString()));
            var properties = events[urn].GetProperty("properties");
            var message = envelope.GetProperty("message");
            // Null fields are written as null, so every property of the contract is there, and nothing else.
            Assert.Equal(Names(properties), message.EnumerateObject().Select(p => p.Name).ToHashSet());
            Assert.Equal(Names(change), message.GetProperty("change").EnumerateObject().Select(p => p.Name).ToHashSet());
            Assert.Contains(message.GetProperty("change").GetProperty("changeKind").GetRawText(), changeKinds);
        });
    }

    [Fact]
    public async Task A_broker_that_cannot_be_reached_fails_the_first_record_instead_of_acknowledging_it()
    {
        var settings = servers.RabbitSettings();
        settings["Bus:RabbitMq:Port"] = LoopbackPort.Unused().ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Bridge:PublishTimeout"] = "00:00:02";
        using var host = await BridgeHosts.StartAsync(settings, Cancel);

        var response = await BridgeHosts.HandleAsync(host, BridgeHosts.Sample(Sample), Cancel);

        Assert.Equal("""{"batchItemFailures":[{"itemIdentifier":"4421584500000000017450440091"}]}""", response);
    }

    [Fact]
    public async Task A_record_that_can_never_succeed_is_kept_whole_on_the_failed_record_queue()
    {
        var queue = "bus-test-failed-" + Guid.NewGuid().ToString("N")[..12];
        var settings = servers.RabbitSettings();
        settings["Bridge:FailedRecords:Store"] = "Queue";
        settings["Bridge:FailedRecords:QueueName"] = queue;
        await using var channel = await servers.Rabbit.CreateChannelAsync(cancellationToken: Cancel);
        try
        {
            using var host = await BridgeHosts.StartAsync(settings, Cancel);
            var malformed = """
                {"Records":[{"eventID":"bad-1","eventName":"INSERT","eventSourceARN":"arn:aws:dynamodb:eu-west-1:1:table/Customers/stream/x",
                "dynamodb":{"ApproximateCreationDateTime":1793000000,"SequenceNumber":"700","StreamViewType":"NEW_IMAGE",
                "Keys":{"customerId":{"S":"C-9"}},"NewImage":{"customerId":{"S":"C-9"},"version":{"N":"1e999"}}}}]}
                """;

            var response = await BridgeHosts.HandleAsync(host, new MemoryStream(Encoding.UTF8.GetBytes(malformed)), Cancel);

            Assert.Equal("""{"batchItemFailures":[]}""", response);
            var message = Assert.Single(await DrainAsync(channel, queue, 1));
            var body = message.Body.RootElement.GetProperty("message");
            Assert.Equal("bad-1", body.GetProperty("eventId").GetString());
            Assert.Equal("700", body.GetProperty("sequenceNumber").GetString());
            Assert.Contains("dynamodb.NewImage.version", body.GetProperty("reason").GetString(), StringComparison.Ordinal);
            using var record = JsonDocument.Parse(body.GetProperty("record").GetString()!);
            Assert.Equal("1e999", record.RootElement.GetProperty("dynamodb").GetProperty("NewImage").GetProperty("version").GetProperty("N").GetString());
            await host.StopAsync(Cancel);
        }
        finally
        {
            await channel.QueueDeleteAsync(queue, cancellationToken: Cancel);
            await channel.ExchangeDeleteAsync(queue, cancellationToken: Cancel);
        }
    }

    private static async Task<List<(Guid Id, string Urn)>> ExpectedIdsAsync(IHost host)
    {
        var processor = host.Services.GetRequiredService<ChangeProcessor>();
        var bytes = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "samples", Sample), Cancel);
        var expected = new List<(Guid, string)>();
        foreach (var slice in StreamEventReader.Read(bytes).Single().Records)
        {
            var translated = await processor.TranslateAsync(ChangeRecordDecoder.Decode(slice), Cancel);
            expected.AddRange(translated.Events.Select(e =>
                (e.MessageId, $"urn:message:{e.Message.GetType().Namespace}:{e.Message.GetType().Name}")));
        }

        return expected;
    }

    /// <summary>Binds a new queue to every contract exchange, sends the sample batch through a bridge on the real broker and
    /// returns what the queue received of the sample's events (the exchanges are shared with every other test of the run, whose
    /// events reach the queue too), and the ids and URNs the sample's events should have.</summary>
    private async Task<(List<(Guid Id, string Urn)> Expected, List<ReceivedMessage> Received)> PublishSampleAsync()
    {
        var queue = "bus-test-wire-" + Guid.NewGuid().ToString("N")[..12];
        await using var channel = await servers.Rabbit.CreateChannelAsync(cancellationToken: Cancel);
        await channel.QueueDeclareAsync(queue, durable: false, exclusive: false, autoDelete: false, cancellationToken: Cancel);
        try
        {
            foreach (var exchange in EventExchanges)
            {
                // Downstream teams bind to these names; MassTransit declares them as durable fanout exchanges.
                await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, cancellationToken: Cancel);
                await channel.QueueBindAsync(queue, exchange, string.Empty, cancellationToken: Cancel);
            }

            using var host = await BridgeHosts.StartAsync(servers.RabbitSettings(), Cancel);
            var expected = await ExpectedIdsAsync(host);

            var response = await BridgeHosts.HandleAsync(host, BridgeHosts.Sample(Sample), Cancel);

            Assert.Equal("""{"batchItemFailures":[]}""", response);
            var ids = expected.Select(e => e.Id).ToHashSet();
            var received = (await DrainAsync(channel, queue, expected.Count)).Where(m => ids.Contains(Identify(m).Id)).ToList();
            await host.StopAsync(Cancel);
            return (expected, received);
        }
        finally
        {
            await channel.QueueDeleteAsync(queue, cancellationToken: Cancel);
        }
    }

    private static (Guid Id, string Urn) Identify(ReceivedMessage message) => (
        Guid.Parse(message.Body.RootElement.GetProperty("messageId").GetString()!),
        message.Body.RootElement.GetProperty("messageType")[0].GetString()!);

    private static HashSet<string> Names(JsonElement properties) => [.. properties.EnumerateObject().Select(p => p.Name)];

    private static async Task<List<ReceivedMessage>> DrainAsync(IChannel channel, string queue, int count)
    {
        var messages = new List<ReceivedMessage>();
        var deadline = DateTime.UtcNow.AddSeconds(45);
        while (messages.Count < count && DateTime.UtcNow < deadline)
        {
            var result = await channel.BasicGetAsync(queue, autoAck: true, Cancel);
            if (result is null)
            {
                await Task.Delay(50, Cancel);
                continue;
            }

            messages.Add(ReceivedMessage.From(result));
        }

        // Anything beyond the expected count would be a duplicate publish.
        await Task.Delay(200, Cancel);
        while (await channel.BasicGetAsync(queue, autoAck: true, Cancel) is { } extra)
        {
            messages.Add(ReceivedMessage.From(extra));
        }

        return messages;
    }

    private sealed record ReceivedMessage(string? ContentType, string? MessageId, bool Persistent, JsonDocument Body)
    {
        public static ReceivedMessage From(BasicGetResult result) =>
            new(result.BasicProperties.ContentType, result.BasicProperties.MessageId, result.BasicProperties.Persistent, JsonDocument.Parse(result.Body));
    }
}
