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
    public static IReadOnlyList<StreamEvent> Read(ReadOnlyMemory<byte> input, Action<int, RecordSlice>? onRecord) =>
        Read(input, onRecord, RecordDecode.None);

    /// <summary>As <see cref="Read(ReadOnlyMemory{byte}, Action{int, RecordSlice}?)"/>, decoding each record object as
    /// <paramref name="decode"/> says where it is found, in the same reading that finds it (<see cref="RecordSlice.Decoded"/>;
    /// a record that cannot be decoded there has none and is decoded from its bytes later, with its usual error).</summary>
    internal static IReadOnlyList<StreamEvent> Read(ReadOnlyMemory<byte> input, Action<int, RecordSlice>? onRecord, RecordDecode decode)
    {
        var events = new List<StreamEvent>();
        var records = new List<RecordSlice>();
        var splitter = new EventSplitter(keepRecords: false, decode);
        while (true)
        {
            var split = splitter.Next(input.Span, final: true);
            switch (split.Kind)
            {
                case SplitKind.Record:
                    var slice = RecordSlice.Found(records.Count, input[split.Start..split.End], splitter.LastDecoded);
                    records.Add(slice);
                    onRecord?.Invoke(split.Event, slice);
                    break;
                case SplitKind.Event:
                    events.Add(new StreamEvent(split.Event, records));
                    records = [];
                    break;
                default:
                    return events;
            }
        }
    }

    /// <summary>The readers' options: one value after another (JSON Lines).</summary>
    internal static JsonReaderOptions Options { get; } = new()
    {
        AllowMultipleValues = true,
        // No depth limit here: a record nested too deeply is malformed on its own and must not take the rest
        // of its batch with it. The reader does not recurse; the attribute reader stops at DynamoDB's limit.
        MaxDepth = int.MaxValue,
    };

    /// <summary>The error for input that is not JSON, naming the event, line and byte.</summary>
    internal static DecodingException NotJson(int index, JsonException e) =>
        new($"event {index}: input is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})", e);
}
