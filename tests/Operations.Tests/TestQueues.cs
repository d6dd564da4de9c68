using System.Text;
using System.Text.Json;
using RabbitMQ.Client;

namespace Bus.Operations.Tests;

/// <summary>A service queue and its <c>_error</c> queue with names of one test's own, deleted (with the exchanges
/// MassTransit may have declared for them) when the test is done.</summary>
internal sealed class TestQueues : IAsyncDisposable
{
    public const string ProbeType = "urn:message:Bus.Operations.Tests:Probe";
    public const string OtherType = "urn:message:Bus.Operations.Tests:Other";

    private readonly IChannel _channel;

    private TestQueues(IChannel channel, string queue)
    {
        _channel = channel;
        Queue = queue;
    }

    public string Queue { get; }

    public string ErrorQueue => Queue + "_error";

    /// <summary>Declares the error queue, and the service queue unless <paramref name="withServiceQueue"/> is false,
    /// as MassTransit declares them: durable classic queues.</summary>
    public static async Task<TestQueues> CreateAsync(IConnection connection, bool withServiceQueue = true)
    {
        // Publisher confirms: a faulted message is in its queue before the CLI under test looks.
        var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        var queues = new TestQueues(channel, "bus-test-ops-" + Guid.NewGuid().ToString("N")[..12]);
        await channel.QueueDeclareAsync(queues.ErrorQueue, durable: true, exclusive: false, autoDelete: false);
        if (withServiceQueue)
        {
            await channel.QueueDeclareAsync(queues.Queue, durable: true, exclusive: false, autoDelete: false);
        }

        return queues;
    }

    /// <summary>Puts a message into the error queue the way MassTransit leaves a faulted one there: envelope body,
    /// message id property, fault headers, plus one header of the application's own.</summary>
    public async Task<FaultedMessage> FaultAsync(int number, string messageType = ProbeType)
    {
        var id = Guid.NewGuid().ToString();
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["messageId"] = id,
            ["messageType"] = new[] { messageType },
            ["message"] = new Dictionary<string, object> { ["number"] = number },
        }));
        var properties = new BasicProperties
        {
            MessageId = id,
            ContentType = "application/vnd.masstransit+json",
            DeliveryMode = DeliveryModes.Persistent,
            Headers = new Dictionary<string, object?>
            {
                ["MT-Reason"] = "fault",
                ["MT-Fault-ExceptionType"] = "System.InvalidOperationException",
                ["MT-Fault-Message"] = $"probe {number} failed",
                ["MT-Fault-Timestamp"] = "2026-11-25T10:15:02.0000000Z",
                ["MT-Fault-ConsumerType"] = "Bus.Operations.Tests.ProbeConsumer",
                ["MT-Fault-RetryCount"] = 2,
                ["MT-Fault-StackTrace"] = "at ProbeConsumer.Consume()",
                ["MT-Host-MachineName"] = "worker-1",
                ["MT-Redelivery-Count"] = 1,
                ["Tenant"] = "north",
            },
        };
        await _channel.BasicPublishAsync(string.Empty, ErrorQueue, mandatory: true, properties, body);
        return new FaultedMessage(id, body);
    }

    /// <summary>Takes every message out of <paramref name="queue"/>, in queue order.</summary>
    public async Task<List<BasicGetResult>> DrainAsync(string queue)
    {
        var messages = new List<BasicGetResult>();
        while (await _channel.BasicGetAsync(queue, autoAck: true) is { } message)
        {
            messages.Add(new BasicGetResult(message.DeliveryTag, message.Redelivered, message.Exchange, message.RoutingKey,
                message.MessageCount, message.BasicProperties, message.Body.ToArray()));
        }

        return messages;
    }

    public async Task<uint> CountAsync(string queue) => (await _channel.QueueDeclarePassiveAsync(queue)).MessageCount;

    public async ValueTask DisposeAsync()
    {
        foreach (var name in new[] { Queue, ErrorQueue })
        {
            await _channel.QueueDeleteAsync(name, ifUnused: false, ifEmpty: false);
            await _channel.ExchangeDeleteAsync(name, ifUnused: false);
        }

        await _channel.DisposeAsync();
    }
}

/// <summary>A message put into an error queue: its id and the exact body bytes.</summary>
internal sealed record FaultedMessage(string Id, byte[] Body);
