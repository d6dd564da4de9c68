using System.Text.Json;
using Bus.StreamBridge.Decoding;

namespace Bus.StreamBridge.Records;

/// <summary>
/// Splits Lambda stream events (<c>{"Records": [...]}</c>) into raw records without decoding them, so that one
/// malformed record can be reported and kept on its own while the rest of its batch goes on. Accepts one event or
/// JSON Lines of events (captured batches).
/// </summary>
public static class StreamEventReader
{
    /// <summary>Reads every event in <paramref name="input"/>.</summary>
    /// <exception cref="DecodingException">The input is not JSON, or an event is not a Lambda stream event; the
    /// message names the event and position.</exception>
    public static IReadOnlyList<StreamEvent> Read(ReadOnlyMemory<byte> input) => Read(input, onRecord: null);

    /// <summary>Reads every event in <paramref name="input"/>, and hands each record to <paramref name="onRecord"/>
    /// (with its event's index) as soon as it is found, so that decoding can start while the rest is split.</summary>
    /// <exception cref="DecodingException">As <see cref="Read(ReadOnlyMemory{byte})"/>; records before the error
    /// were handed over already.</exception>
    public static IReadOnlyList<StreamEvent> Read(ReadOnlyMemory<byte> input, Action<int, RecordSlice>? onRecord)
    {
        // Captured files saved by Windows tools start with a UTF-8 byte order mark, which Utf8JsonReader rejects.
        if (input.Span.StartsWith("\uFEFF"u8))
        {
            input = input[3..];
        }

        var events = new List<StreamEvent>();
        var reader = new Utf8JsonReader(input.Span, new JsonReaderOptions
        {
            AllowMultipleValues = true,
            // No depth limit here: a record nested too deeply is malformed on its own and must not take the rest
            // of its batch with it. The reader does not recurse; the attribute reader stops at DynamoDB's limit.
            MaxDepth = int.MaxValue,
        });
        try
        {
            while (reader.Read())
            {
                events.Add(ReadEvent(ref reader, input, events.Count, onRecord));
            }
        }
        catch (JsonException e)
        {
            throw new DecodingException(
                $"event {events.Count}: input is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})", e);
        }

        return events;
    }

    private static StreamEvent ReadEvent(ref Utf8JsonReader reader, ReadOnlyMemory<byte> input, int index, Action<int, RecordSlice>? onRecord)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new DecodingException($"event {index}: expected a Lambda event object, found {AttributeValueReader.Describe(reader.TokenType)}");
        }

        List<RecordSlice>? records = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!JsonStrings.Is(ref reader, "Records"u8))
            {
                reader.Read();
                reader.Skip();
                continue;
            }

            // JSON readers disagree on repeated names (first wins, last wins, error); taking either array would
            // silently drop the records of the other.
            if (records is not null)
            {
                throw new DecodingException($"event {index}: Records appears twice");
            }

            reader.Read();
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw new DecodingException($"event {index}: Records must be an array");
            }

            records = [];
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                var end = (int)reader.BytesConsumed;
                var slice = new RecordSlice(records.Count, input[start..end]);
                records.Add(slice);
                onRecord?.Invoke(index, slice);
            }
        }

        return records is null
            ? throw new DecodingException($"event {index}: not a DynamoDB Streams or Kinesis Lambda event (no Records array)")
            : new StreamEvent(index, records);
    }
}
