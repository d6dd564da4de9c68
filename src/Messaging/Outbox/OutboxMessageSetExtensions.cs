using MassTransit;
using MassTransit.Context;
using Microsoft.EntityFrameworkCore;

namespace Bus.Messaging.Outbox;

internal static class OutboxMessageSetExtensions
{
    /// <summary>Serializes a message that is being published or sent into an <see cref="OutboxMessage"/> row of the DbContext.</summary>
    /// <returns>The row, tracked as added.</returns>
    public static OutboxMessage AddSend<T>(this DbSet<OutboxMessage> set, SendContext<T> context, IObjectDeserializer serializer,
        Guid? inboxMessageId = null, Guid? inboxConsumerId = null, Guid? outboxId = null)
        where T : class
    {
        var messageId = context.MessageId ?? throw new MessageException(typeof(T), "The SendContext MessageId must be present");
        var now = DateTime.UtcNow;

        var message = new OutboxMessage
        {
            MessageId = messageId,
            ConversationId = context.ConversationId,
            CorrelationId = context.CorrelationId,
            InitiatorId = context.InitiatorId,
            RequestId = context.RequestId,
            SourceAddress = context.SourceAddress,
            DestinationAddress = context.DestinationAddress,
            ResponseAddress = context.ResponseAddress,
            FaultAddress = context.FaultAddress,
            SentTime = context.SentTime ?? now,
            ContentType = context.ContentType?.ToString() ?? context.Serialization.DefaultContentType.ToString(),
            MessageType = string.Join(';', context.SupportedMessageTypes),
            Body = context.Serializer.GetMessageBody(context).GetString(),
            Headers = serializer.SerializeDictionary(context.Headers.GetAll()),
            InboxMessageId = inboxMessageId,
            InboxConsumerId = inboxConsumerId,
            OutboxId = outboxId,
            ExpirationTime = now + context.TimeToLive,
            EnqueueTime = now + context.Delay,
        };

        if (context is TransportSendContext<T> transportContext)
        {
            var properties = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
            transportContext.WritePropertiesTo(properties);
            message.Properties = serializer.SerializeDictionary(properties);
        }

        // A consumer may publish several messages concurrently; the DbContext is not thread-safe.
        lock (set)
            set.Add(message);
        return message;
    }
}
