namespace Bus.StreamBridge.Records;

/// <summary>One element of a Lambda event's <c>Records</c> array, not yet decoded.</summary>
/// <param name="Position">Index within the event's <c>Records</c> array.</param>
/// <param name="Json">The record's JSON exactly as received.</param>
public readonly record struct RecordSlice(int Position, ReadOnlyMemory<byte> Json)
{
    /// <summary>The record, when the reader that found it decoded it on the way: whole (the command line's file reader),
    /// which <see cref="ChangeRecordDecoder.Decode(RecordSlice)"/> then returns instead of decoding again, or without its
    /// images (the handler on one processor), which <see cref="ChangeRecordDecoder.DecodeDeferringImages"/> returns.</summary>
    internal ChangeRecord? Decoded { get; init; }

    /// <summary>The slice of a record a splitter found at <paramref name="json"/>, with the record it decoded there if
    /// any (<see cref="EventSplitter.LastDecoded"/>), which from now on refers to these bytes.</summary>
    internal static RecordSlice Found(int position, ReadOnlyMemory<byte> json, ChangeRecord? decoded)
    {
        decoded?.Rebase(json);
        return new RecordSlice(position, json) { Decoded = decoded };
    }
}
