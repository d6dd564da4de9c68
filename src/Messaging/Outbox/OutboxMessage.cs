using MassTransit;
using MassTransit.Metadata;
using MassTransit.Middleware;
using MassTransit.Serialization;

namespace Bus.Messaging.Outbox;

/// <summary>
/// A message published or sent inside a transaction, stored until it has been delivered to the broker. Either
/// <see cref="InboxMessageId"/>/<see cref="InboxConsumerId"/> (consumer outbox) or <see cref="OutboxId"/> (bus outbox) is set.
/// Same columns as MassTransit.EntityFrameworkCore's <c>OutboxMessage</c>.
/// </summary>
public class OutboxMessage : OutboxMessageContext
{
    private static readonly IReadOnlyDictionary<string, object> NoProperties =
        new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);

    private Headers? _headers;
    private IReadOnlyDictionary<string, object>? _properties;

    /// <summary>Identity: the delivery order within one inbox row or one outbox scope.</summary>
    public long SequenceNumber { get; set; }

    /// <summary>When the message should become visible (scheduled or delayed sends).</summary>
    public DateTime? EnqueueTime { get; set; }

    public DateTime SentTime { get; set; }

    /// <summary>The message headers as a JSON object.</summary>
    public string? Headers { get; set; }

    /// <summary>Transport-specific properties (routing key, priority, …) as a JSON object.</summary>
    public string? Properties { get; set; }

    public Guid? InboxMessageId { get; set; }

    public Guid? InboxConsumerId { get; set; }

    public Guid? OutboxId { get; set; }

    public Guid MessageId { get; set; }

    public string ContentType { get; set; } = null!;

    /// <summary>The message's supported message type URNs, separated by ';'.</summary>
    public string MessageType { get; set; } = null!;

    /// <summary>The serialized message envelope.</summary>
    public string Body { get; set; } = null!;

    public Guid? ConversationId { get; set; }

    public Guid? CorrelationId { get; set; }

    public Guid? InitiatorId { get; set; }

    public Guid? RequestId { get; set; }

    public Uri? SourceAddress { get; set; }

    public Uri? DestinationAddress { get; set; }

    public Uri? ResponseAddress { get; set; }

    public Uri? FaultAddress { get; set; }

    public DateTime? ExpirationTime { get; set; }

    Guid? MessageContext.MessageId => MessageId;

    DateTime? MessageContext.SentTime => SentTime;

    Headers MessageContext.Headers => _headers ?? EmptyHeaders.Instance;

    HostInfo MessageContext.Host => HostMetadataCache.Host;

    IReadOnlyDictionary<string, object> OutboxMessageContext.Properties => _properties ?? NoProperties;

    /// <summary>Reads <see cref="Headers"/> and <see cref="Properties"/> back before the message is delivered.</summary>
    public void Deserialize(IObjectDeserializer deserializer)
    {
        var headers = deserializer.DeserializeDictionary<object?>(Headers);
        _headers = headers is null ? EmptyHeaders.Instance : new DictionarySendHeaders(headers);
        _properties = deserializer.DeserializeDictionary<object>(Properties) ?? NoProperties;
    }
}
