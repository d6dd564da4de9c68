using System.Runtime.CompilerServices;
using Bus.StreamBridge.Decoding;

namespace Bus.StreamBridge.Records;

/// <summary>
/// Reads a file of Lambda stream events (one event, or JSON Lines of captured events) one event at a time, so that a
/// file of any size is handled in the memory of its largest event: <see cref="StreamEventReader.Read(ReadOnlyMemory{byte})"/>
/// needs the whole input in one array, which is at most 2 GB and all of it resident. Each event comes with its own
/// copy of its bytes, which its records refer to.
/// </summary>
public static class StreamEventFile
{
    /// <summary>The first read's size; the buffer doubles while one event does not fit.</summary>
    private const int InitialBuffer = 256 * 1024;

    /// <summary>Opens <paramref name="path"/> for <see cref="ReadAsync(Stream, CancellationToken)"/>.</summary>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public static FileStream Open(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.Asynchronous | FileOptions.SequentialScan);

    /// <summary>The events of <paramref name="input"/>, in order, each as soon as its last byte is read.</summary>
    /// <exception cref="DecodingException">While enumerating: the input is not JSON, or an event is not a Lambda stream
    /// event; the message names the event and, for JSON, the line and byte. The events before it were returned.</exception>
    public static IAsyncEnumerable<StreamEvent> ReadAsync(Stream input, CancellationToken cancellationToken = default) =>
        ReadAsync(input, decodeRecords: false, borrowBytes: false, cancellationToken);

    /// <summary>As <see cref="ReadAsync(Stream, CancellationToken)"/>; with <paramref name="decodeRecords"/>, each record
    /// object is decoded as it is found, in the same reading that finds it, and
    /// <see cref="ChangeRecordDecoder.Decode(RecordSlice)"/> of its slice returns it (a record that cannot be decoded there
    /// is decoded from its bytes then, with its usual error). For a caller that decodes every record whole, in order: the
    /// command line's <c>decode</c> and <c>translate</c>. An event's decoded records stay in memory until the event is dropped.
    /// <para>With <paramref name="borrowBytes"/>, an event's records (their <see cref="RecordSlice.Json"/> and their
    /// decoded records' <see cref="ChangeRecord.Raw"/>) refer to the reading buffer instead of a copy of the event, and are
    /// valid only until the next event is asked for: for a caller that is done with each event before it reads on, which
    /// then allocates nothing per event for its bytes (a copy as large as the input, on the large-object heap, whose
    /// allocation set off a full collection every few events).</para></summary>
    internal static async IAsyncEnumerable<StreamEvent> ReadAsync(Stream input, bool decodeRecords, bool borrowBytes = false,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var buffer = new Buffer();
        var splitter = new EventSplitter(keepRecords: true, decodeRecords ? RecordDecode.Whole : RecordDecode.None);
        // The records of the event being read that the splitter decoded, alongside splitter.Records.
        List<ChangeRecord?>? decoded = decodeRecords ? [] : null;
        var ended = false;
        while (true)
        {
            var split = splitter.Next(buffer.Bytes.AsSpan(0, buffer.Filled), ended);
            switch (split.Kind)
            {
                case SplitKind.Record:
                    decoded?.Add(splitter.LastDecoded);
                    break;
                case SplitKind.Event:
                    yield return borrowBytes
                        ? Event(buffer.Bytes.AsMemory(split.Start, split.End - split.Start), split.Event, splitter.Records, decoded)
                        : Owned(buffer.Bytes.AsSpan(split.Start, split.End - split.Start), split.Event, splitter.Records, decoded);
                    decoded?.Clear();
                    break;
                case SplitKind.NeedMore:
                    // The reader stops before a token it has not seen the end of and reads it again from its start
                    // next time: a long string arriving a few bytes at a time (a pipe) would be read again for each
                    // few. Reading until the unfinished part has doubled keeps the work linear in the input. A file
                    // fills each read, so this costs it nothing; a pipe that pauses can hold an event back until more
                    // arrives.
                    var unfinished = buffer.Filled - splitter.Resume;
                    do
                    {
                        buffer.MakeRoom(splitter, split.Event);
                        ended = !await buffer.ReadMoreAsync(input, cancellationToken);
                    }
                    while (!ended && buffer.Filled - splitter.Resume < 2 * unfinished);

                    break;
                case SplitKind.End:
                    yield break;
            }
        }
    }

    /// <summary>The event with its own copy of its bytes, since the buffer is reused.</summary>
    private static StreamEvent Owned(ReadOnlySpan<byte> json, int index, IReadOnlyList<(int Start, int Length)> ranges, List<ChangeRecord?>? decoded)
    {
        // Uninitialized: every byte is overwritten at once, so zeroing the (large-object heap) array first is waste.
        var copy = GC.AllocateUninitializedArray<byte>(json.Length);
        json.CopyTo(copy);
        return Event(copy, index, ranges, decoded);
    }

    /// <summary>The event whose bytes are <paramref name="json"/>, its records slices of them.</summary>
    private static StreamEvent Event(ReadOnlyMemory<byte> json, int index, IReadOnlyList<(int Start, int Length)> ranges, List<ChangeRecord?>? decoded)
    {
        var records = new RecordSlice[ranges.Count];
        for (var i = 0; i < records.Length; i++)
        {
            records[i] = RecordSlice.Found(i, json.Slice(ranges[i].Start, ranges[i].Length), decoded?[i]);
        }

        return new StreamEvent(index, records);
    }

    /// <summary>The bytes read and not yet dropped.</summary>
    private sealed class Buffer
    {
        public byte[] Bytes = new byte[InitialBuffer];
        public int Filled;

        /// <summary>Reads into the free end of the buffer; false at the end of the input.</summary>
        public async ValueTask<bool> ReadMoreAsync(Stream input, CancellationToken cancellationToken)
        {
            var read = await input.ReadAsync(Bytes.AsMemory(Filled), cancellationToken);
            Filled += read;
            return read > 0;
        }

        /// <summary>Drops what the splitter is done with (everything before the event it is reading, or before where
        /// it resumes between events), and doubles the buffer when what is left fills it.</summary>
        public void MakeRoom(EventSplitter splitter, int index)
        {
            var done = splitter.EventStart >= 0 ? splitter.EventStart : splitter.Resume;
            if (done > 0)
            {
                Bytes.AsSpan(done, Filled - done).CopyTo(Bytes);
                Filled -= done;
                splitter.Shift(done);
            }

            if (Filled == Bytes.Length)
            {
                if (Bytes.Length > Array.MaxLength / 2)
                {
                    throw new DecodingException($"event {index}: larger than 1 GB");
                }

                Array.Resize(ref Bytes, Bytes.Length * 2);
            }
        }

    }
}
