using System.Globalization;
using System.Text;
using System.Text.Json;
using MassTransit;
using RabbitMQ.Client;

namespace Bus.Operations.ErrorQueues;

/// <summary>
/// A message as it sits in an error queue: what MassTransit wrote about its fault in the transport headers, and its
/// message id and types from the properties and the envelope.
/// </summary>
public sealed class ErrorQueueMessage
{
    private ErrorQueueMessage(BasicGetResult delivery, int position)
    {
        Position = position;
        DeliveryTag = delivery.DeliveryTag;
        Properties = delivery.BasicProperties;
        // Held messages outlive the get that fetched them: a copy keeps the body independent of the client's buffers.
        Body = delivery.Body.ToArray();
        Headers = Properties.Headers ?? new Dictionary<string, object?>();
        MessageTypes = ReadMessageTypes(Properties, Body, Headers);
        MessageId = Properties.MessageId ?? EnvelopeMessageId(Properties, Body);
    }

    /// <summary>1 for the message at the head of the queue.</summary>
    public int Position { get; }

    public ulong DeliveryTag { get; }

    public IReadOnlyBasicProperties Properties { get; }

    public ReadOnlyMemory<byte> Body { get; }

    public IDictionary<string, object?> Headers { get; }

    public string? MessageId { get; }

    /// <summary>The message's type URNs (<c>urn:message:Namespace:Type</c>), most specific first.</summary>
    public IReadOnlyList<string> MessageTypes { get; }

    public string? ExceptionType => Text(MessageHeaders.FaultExceptionType);

    public string? ExceptionMessage => Text(MessageHeaders.FaultMessage);

    public string? ConsumerType => Text(MessageHeaders.FaultConsumerType);

    public string? InputAddress => Text(MessageHeaders.FaultInputAddress);

    /// <summary><c>MT-Reason</c>: <c>fault</c> for a consumer that threw.</summary>
    public string? Reason => Text(MessageHeaders.Reason);

    public string? FaultedAt => Text(MessageHeaders.FaultTimestamp);

    /// <summary>Immediate retries (<c>UseMessageRetry</c>) before the fault.</summary>
    public int RetryCount => Number(MessageHeaders.FaultRetryCount);

    /// <summary>Redeliveries (<c>UseDelayedRedelivery</c>/<c>UseScheduledRedelivery</c>) before the fault.</summary>
    public int RedeliveryCount => Math.Max(Number(MessageHeaders.FaultRedeliveryCount), Number(MessageHeaders.RedeliveryCount));

    /// <summary>How often an operator already moved it back (<see cref="ErrorQueueMover.MoveCountHeader"/>).</summary>
    public int MoveCount => Number(ErrorQueueMover.MoveCountHeader);

    public static ErrorQueueMessage From(BasicGetResult delivery, int position)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return new ErrorQueueMessage(delivery, position);
    }

    /// <summary>True when <paramref name="messageType"/> is one of the message's types (its own, or one it implements).</summary>
    public bool IsOfType(string messageType) => MessageTypes.Contains(messageType, StringComparer.Ordinal);

    /// <summary>A header's value as text: RabbitMQ.Client hands AMQP strings over as UTF-8 bytes.</summary>
    public string? Text(string header) => Headers.TryGetValue(header, out var value) ? Render(value) : null;

    private int Number(string header) =>
        int.TryParse(Text(header), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : 0;

    private static string? Render(object? value) => value switch
    {
        null => null,
        byte[] bytes => Encoding.UTF8.GetString(bytes),
        AmqpTimestamp timestamp => DateTimeOffset.FromUnixTimeSeconds(timestamp.UnixTime).ToString("O", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static bool IsJson(IReadOnlyBasicProperties properties) =>
        properties.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) ?? false;

    /// <summary>MassTransit's envelope lists the types in <c>messageType</c>; other serializers name them in the
    /// <c>MT-MessageType</c> header, separated by semicolons.</summary>
    private static string[] ReadMessageTypes(IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body, IDictionary<string, object?> headers)
    {
        if (IsJson(properties) && ReadEnvelope(body, "messageType") is { ValueKind: JsonValueKind.Array } types)
        {
            return [.. types.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!)];
        }

        return headers.TryGetValue(MessageHeaders.MessageType, out var header) && Render(header) is { } names
            ? names.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [];
    }

    private static string? EnvelopeMessageId(IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body) =>
        IsJson(properties) && ReadEnvelope(body, "messageId") is { ValueKind: JsonValueKind.String } id ? id.GetString() : null;

    private static JsonElement? ReadEnvelope(ReadOnlyMemory<byte> body, string property)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(property, out var value)
                ? value.Clone()
                : null;
        }
        catch (JsonException)
        {
            // A body that is not JSON (or not an envelope) has no types to read; the headers may still have them.
            return null;
        }
    }
}
