using System.Text.Json;
using Bus.StreamBridge.Decoding;

namespace Bus.StreamBridge.Records;

/// <summary>
/// Splits Lambda stream events (<c>{"Records": [...]}</c>, one after another) into raw records in one pass of the
/// JSON reader, and can stop and resume at any byte: it is handed an invocation's input whole
/// (<see cref="StreamEventReader"/>) or a file a buffer at a time (<see cref="StreamEventFile"/>). Positions are in
/// the caller's buffer, whose front the caller may drop between calls (<see cref="Shift"/>).
/// </summary>
internal sealed class EventSplitter
{
    /// <summary>The records of the event being read: start and length, relative to <see cref="EventStart"/>; null
    /// when the caller keeps them itself.</summary>
    private readonly List<(int Start, int Length)>? _records;

    /// <summary>How records are decoded where they are found; <see cref="RecordDecode.None"/> when they are not.</summary>
    private readonly RecordDecode _decode;

    /// <summary>Records of the event being read, so far.</summary>
    private int _recordCount;

    /// <summary>Set by a record decoded in place: where the next call resumes, and the reader's state there.</summary>
    private (int Resume, JsonReaderState State)? _jump;

    private JsonReaderState _state = new(StreamEventReader.Options);
    private Place _place;
    private bool _sawRecords;
    private int _recordStart;
    private int _events;
    private bool _started;

    /// <param name="keepRecords">Whether <see cref="Records"/> lists each event's records for the caller.</param>
    /// <param name="decode">Whether a record object is decoded where it is found (<see cref="LastDecoded"/>), whole or
    /// without its images, and the splitter then goes on after it without reading its tokens a second time. What the
    /// caller sees is the same either way: the same splits, and the same errors at the same lines and bytes.</param>
    public EventSplitter(bool keepRecords, RecordDecode decode = RecordDecode.None)
    {
        _records = keepRecords ? [] : null;
        // Only a splitter that decodes needs the reader state moved (and its one-time check).
        _decode = decode != RecordDecode.None && ReaderStates.Supported ? decode : RecordDecode.None;
    }

    private enum Place
    {
        BetweenEvents,
        InEvent,
        BeforeRecordsArray,
        InRecords,
    }

    /// <summary>Where the event being read starts in the buffer; -1 between events.</summary>
    public int EventStart { get; private set; } = -1;

    /// <summary>Where the next call resumes reading in the buffer.</summary>
    public int Resume { get; private set; }

    /// <summary>After <see cref="SplitKind.Event"/>: its records' start and length, relative to the event's start.</summary>
    public IReadOnlyList<(int Start, int Length)> Records => _records ?? throw new InvalidOperationException("records are not kept");

    /// <summary>After <see cref="SplitKind.Record"/>: the record decoded where it was found, or null (malformed, cut off
    /// at the end of a buffer, or not decoding): it is then to be decoded from its bytes. Its <see cref="ChangeRecord.Raw"/>
    /// is empty until the caller rebases it on the record's bytes (<see cref="RecordSlice.Found"/>).</summary>
    public ChangeRecord? LastDecoded { get; private set; }

    /// <summary>Follows the caller dropping the first <paramref name="removed"/> bytes of its buffer; none of them may
    /// be at or after <see cref="EventStart"/> or <see cref="Resume"/>.</summary>
    public void Shift(int removed)
    {
        Resume -= removed;
        _recordStart -= removed;
        if (EventStart >= 0)
        {
            EventStart -= removed;
        }
    }

    /// <summary>Reads <paramref name="buffer"/> from <see cref="Resume"/> up to the next record or event end.</summary>
    /// <param name="buffer">The input from the caller's first kept byte to the last byte read so far.</param>
    /// <param name="final">Whether the input ends with <paramref name="buffer"/>.</param>
    /// <exception cref="DecodingException">The input is not JSON (the message names the event, line and byte) or
    /// an event is not a Lambda stream event. Line numbers count from the first byte ever handed over (after a
    /// UTF-8 byte order mark, which is skipped).</exception>
    public Split Next(ReadOnlySpan<byte> buffer, bool final)
    {
        if (!_started)
        {
            // Captured files saved by Windows tools start with a UTF-8 byte order mark, which Utf8JsonReader rejects.
            var start = buffer[Resume..];
            var byteOrderMark = "\uFEFF"u8;
            if (!final && start.Length < byteOrderMark.Length && byteOrderMark.StartsWith(start))
            {
                return new Split(SplitKind.NeedMore, _events, 0, 0);
            }

            Resume += start.StartsWith(byteOrderMark) ? byteOrderMark.Length : 0;
            _started = true;
        }

        var reader = new Utf8JsonReader(buffer[Resume..], final, _state);
        try
        {
            while (reader.Read())
            {
                if (Token(ref reader, buffer) is { } split)
                {
                    if (_jump is var (resume, state))
                    {
                        // A record decoded in place: go on after it, with the state the reader would have had there.
                        (_state, Resume, _jump) = (state, resume, null);
                    }
                    else
                    {
                        Save(ref reader);
                    }

                    return split;
                }
            }
        }
        catch (JsonException e)
        {
            throw StreamEventReader.NotJson(_events, e);
        }

        Save(ref reader);
        return new Split(final ? SplitKind.End : SplitKind.NeedMore, _events, 0, 0);
    }

    private void Save(ref Utf8JsonReader reader)
    {
        _state = reader.CurrentState;
        Resume += (int)reader.BytesConsumed;
    }

    /// <summary>Follows one token; a record or an event when it ends one.</summary>
    private Split? Token(ref Utf8JsonReader reader, ReadOnlySpan<byte> buffer)
    {
        var token = reader.TokenType;
        switch (_place)
        {
            case Place.BetweenEvents:
                if (token != JsonTokenType.StartObject)
                {
                    throw new DecodingException(
                        $"event {_events}: expected a Lambda event object, found {AttributeValueReader.Describe(token)}");
                }

                EventStart = Position(ref reader);
                _records?.Clear();
                _recordCount = 0;
                _sawRecords = false;
                _place = Place.InEvent;
                return null;

            case Place.InEvent when reader.CurrentDepth == 0:
                // The event object's end.
                if (!_sawRecords)
                {
                    throw new DecodingException($"event {_events}: not a DynamoDB Streams or Kinesis Lambda event (no Records array)");
                }

                var end = Resume + (int)reader.BytesConsumed;
                var eventEnded = new Split(SplitKind.Event, _events++, EventStart, end);
                EventStart = -1;
                _place = Place.BetweenEvents;
                return eventEnded;

            case Place.InEvent:
                // Other members of the event and their values pass by.
                if (token == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && JsonStrings.Is(ref reader, "Records"u8))
                {
                    // JSON readers disagree on repeated names (first wins, last wins, error); taking either array
                    // would silently drop the records of the other.
                    if (_sawRecords)
                    {
                        throw new DecodingException($"event {_events}: Records appears twice");
                    }

                    _sawRecords = true;
                    _place = Place.BeforeRecordsArray;
                }

                return null;

            case Place.BeforeRecordsArray:
                _place = token == JsonTokenType.StartArray
                    ? Place.InRecords
                    : throw new DecodingException($"event {_events}: Records must be an array");
                return null;

            default:
                return Record(ref reader, token, buffer);
        }
    }

    /// <summary>A token inside the Records array: a record when it ends one (any JSON value is one record; one that
    /// is not an object fails on its own when decoded).</summary>
    private Split? Record(ref Utf8JsonReader reader, JsonTokenType token, ReadOnlySpan<byte> buffer)
    {
        var depth = reader.CurrentDepth;
        if (depth == 1)
        {
            // The array's end.
            _place = Place.InEvent;
            return null;
        }

        if (depth != 2)
        {
            return null;
        }

        LastDecoded = null;

        switch (token)
        {
            case JsonTokenType.StartObject or JsonTokenType.StartArray:
                _recordStart = Position(ref reader);
                if (_decode != RecordDecode.None && token == JsonTokenType.StartObject && DecodeInPlace(ref reader, buffer) is { } decoded)
                {
                    return decoded;
                }

                // A record whose end is in the buffer is skipped in one call; one that runs past it (false: the
                // reader stays at its start) is followed token by token.
                if (!reader.TrySkip())
                {
                    return null;
                }

                break;
            case JsonTokenType.EndObject or JsonTokenType.EndArray:
                // The end of a record that ran past an earlier buffer.
                break;
            default:
                // A scalar record.
                _recordStart = Position(ref reader);
                break;
        }

        var end = Resume + (int)reader.BytesConsumed;
        _records?.Add((_recordStart - EventStart, end - _recordStart));
        _recordCount++;
        return new Split(SplitKind.Record, _events, _recordStart, end);
    }

    /// <summary>
    /// Decodes the record object the reader is at the start of, and when it is whole and valid, ends it there: the next
    /// call resumes after its closing brace with the state the reader would have after reading all its tokens (in the
    /// Records array, after an object, at the line and byte after the brace), so the record is read once, not twice.
    /// Null when it cannot be decoded: the reader then goes through it as before, and its error, if any, is the usual one.
    /// </summary>
    private Split? DecodeInPlace(ref Utf8JsonReader reader, ReadOnlySpan<byte> buffer)
    {
        var deferImages = _decode == RecordDecode.DeferringImages;
        if (!ChangeRecordDecoder.TryDecodeLeading(buffer[_recordStart..], _recordCount, deferImages, out var record, out var length))
        {
            return null;
        }

        // Valid JSON has line breaks only between tokens, where the reader counts them: after the record, the line is
        // the opening brace's plus the record's line feeds, and the byte counts from the last of them, or from the brace.
        var json = buffer.Slice(_recordStart, length);
        var (line, afterBrace) = ReaderStates.Position(reader.CurrentState);
        var lastFeed = json.LastIndexOf((byte)'\n');
        var after = lastFeed < 0
            ? ReaderStates.AfterRecord(line, afterBrace - 1 + length)
            : ReaderStates.AfterRecord(line + json.Count((byte)'\n'), length - lastFeed - 1);
        var end = _recordStart + length;
        _jump = (end, after);
        _records?.Add((_recordStart - EventStart, length));
        _recordCount++;
        LastDecoded = record;
        return new Split(SplitKind.Record, _events, _recordStart, end);
    }

    private int Position(ref Utf8JsonReader reader) => Resume + (int)reader.TokenStartIndex;
}

/// <summary>How <see cref="EventSplitter"/> decodes the records it finds.</summary>
internal enum RecordDecode
{
    /// <summary>Not at all: the caller decodes each record from its bytes.</summary>
    None,

    /// <summary>Whole (<see cref="ChangeRecordDecoder.Decode(RecordSlice)"/>).</summary>
    Whole,

    /// <summary>Without the images (<see cref="ChangeRecordDecoder.DecodeDeferringImages"/>).</summary>
    DeferringImages,
}

/// <summary>What <see cref="EventSplitter.Next"/> found.</summary>
internal enum SplitKind
{
    /// <summary>The buffer ends inside or before an event: hand over more input.</summary>
    NeedMore,

    /// <summary>A record of event <see cref="Split.Event"/> at [<see cref="Split.Start"/>, <see cref="Split.End"/>).</summary>
    Record,

    /// <summary>Event <see cref="Split.Event"/> ended; it is at [<see cref="Split.Start"/>, <see cref="Split.End"/>).</summary>
    Event,

    /// <summary>The input ended between events.</summary>
    End,
}

/// <summary>A record or event found in the buffer, or why there is none.</summary>
/// <param name="Kind">What was found.</param>
/// <param name="Event">The index of the event (found, or that the record belongs to) in its input.</param>
/// <param name="Start">Its first byte's position in the buffer.</param>
/// <param name="End">The position after its last byte.</param>
internal readonly record struct Split(SplitKind Kind, int Event, int Start, int End);
