using System.Text;
using System.Text.Json;
using Bus.Messaging.Transport;
using Bus.StreamBridge.Failures;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Bus.StreamBridge.Redrive;

/// <summary>
/// The queue store (<see cref="QueueFailedRecordStore"/>) read back with plain RabbitMQ gets. Every message is held
/// unacknowledged until redrive settles it: acknowledged once its events are confirmed or once its renewed failure
/// is stored again (that copy goes to the end of the queue), otherwise returned to the queue when the source is
/// disposed, where RabbitMQ puts it back in its place. If the process dies first, the broker returns every held message itself: nothing is lost, at
/// worst a record is redriven twice with the same message ids.
/// </summary>
public sealed class QueueFailedRecordSource : IFailedRecordSource
{
    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly string _queue;
    private readonly List<ulong> _deliveryTags = [];
    private readonly List<ulong> _left = [];

    private QueueFailedRecordSource(IConnection connection, IChannel channel, string queue)
    {
        _connection = connection;
        _channel = channel;
        _queue = queue;
    }

    public string Name => $"queue {_queue}";

    /// <exception cref="BrokerUnreachableException">The broker cannot be reached with these settings.</exception>
    public static async Task<QueueFailedRecordSource> OpenAsync(RabbitMqOptions options, string queue, CancellationToken cancellationToken)
    {
        var connection = await RabbitMqConnections.CreateFactory(options, "stream-bridge-redrive").CreateConnectionAsync(cancellationToken);
        try
        {
            var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            return new QueueFailedRecordSource(connection, channel, queue);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async Task<IReadOnlyList<StoredRecord>> ReadAsync(CancellationToken cancellationToken)
    {
        uint count;
        try
        {
            count = (await _channel.QueueDeclarePassiveAsync(_queue, cancellationToken)).MessageCount;
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == Constants.NotFound)
        {
            // The bridge declares the queue with its first failed record: no queue, nothing stored.
            return [];
        }

        // Only what was there at the start: renewed failures are stored again at the end of the same queue.
        var records = new List<StoredRecord>();
        while (records.Count < count && await _channel.BasicGetAsync(_queue, autoAck: false, cancellationToken) is { } message)
        {
            _deliveryTags.Add(message.DeliveryTag);
            records.Add(Parse(records.Count, message));
        }

        return records;
    }

    public async Task RemoveAsync(StoredRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        await _channel.BasicAckAsync(_deliveryTags[record.Index], multiple: false, cancellationToken);
    }

    public Task ReplacedAsync(StoredRecord record, CancellationToken cancellationToken) => RemoveAsync(record, cancellationToken);

    public Task LeaveAsync(StoredRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        _left.Add(_deliveryTags[record.Index]);
        return Task.CompletedTask;
    }

    /// <summary>Returns the messages left as they were, all at once, and waits until they are back in the queue.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_left.Count > 0 && _channel.IsOpen)
            {
                var ready = (await _channel.QueueDeclarePassiveAsync(_queue)).MessageCount;
                // Everything else is settled by now, so this returns exactly the messages left.
                await _channel.BasicNackAsync(_left.Max(), multiple: true, requeue: true);
                await RabbitMqQueues.WaitForReadyAsync(_channel, _queue, ready + _left.Count, TimeSpan.FromSeconds(10));
            }
        }
        finally
        {
            // Closing returns whatever is still held, should the nack above not have happened.
            await _channel.DisposeAsync();
            await _connection.DisposeAsync();
        }
    }

    /// <summary>Reads the MassTransit envelope of a <see cref="FailedStreamRecord"/>.</summary>
    private static StoredRecord Parse(int index, BasicGetResult message)
    {
        var id = message.BasicProperties.MessageId ?? $"delivery {message.DeliveryTag}";
        try
        {
            using var envelope = JsonDocument.Parse(message.Body);
            if (envelope.RootElement.TryGetProperty("messageId", out var messageId) && messageId.ValueKind == JsonValueKind.String)
            {
                id = messageId.GetString()!;
            }

            if (!envelope.RootElement.TryGetProperty("message", out var body) || body.ValueKind != JsonValueKind.Object
                || String(body, "record") is not { } record || String(body, "reason") is not { } reason)
            {
                return Unreadable(index, id, "not a failed-record message: it has no message.record or message.reason");
            }

            return new StoredRecord
            {
                Index = index,
                Id = id,
                TableName = String(body, "tableName"),
                EventId = String(body, "eventId"),
                SequenceNumber = String(body, "sequenceNumber"),
                Stage = Stage(body),
                Reason = reason,
                FailedAt = body.TryGetProperty("failedAt", out var failedAt) && failedAt.ValueKind == JsonValueKind.String && failedAt.TryGetDateTimeOffset(out var at) ? at : null,
                Raw = Encoding.UTF8.GetBytes(record),
            };
        }
        catch (JsonException e)
        {
            return Unreadable(index, id, $"not a failed-record message: {e.Message}");
        }
    }

    private static StoredRecord Unreadable(int index, string id, string problem) => new() { Index = index, Id = id, Problem = problem };

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? Stage(JsonElement body)
    {
        if (!body.TryGetProperty("stage", out var stage))
        {
            return null;
        }

        return stage.ValueKind == JsonValueKind.Number && stage.TryGetInt32(out var number) && Enum.IsDefined((FailureStage)number)
            ? ((FailureStage)number).ToString()
            : stage.ValueKind == JsonValueKind.String ? stage.GetString() : null;
    }
}
