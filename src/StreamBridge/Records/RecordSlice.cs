namespace Bus.StreamBridge.Records;

/// <summary>One element of a Lambda event's <c>Records</c> array, not yet decoded.</summary>
/// <param name="Position">Index within the event's <c>Records</c> array.</param>
/// <param name="Json">The record's JSON exactly as received.</param>
public readonly record struct RecordSlice(int Position, ReadOnlyMemory<byte> Json);
