namespace Bus.StreamBridge.Records;

/// <summary>One Lambda invocation's event: the records of one batch, in stream order.</summary>
/// <param name="Index">Position of the event in its file (0 for a Lambda invocation).</param>
/// <param name="Records">The raw records.</param>
public sealed record StreamEvent(int Index, IReadOnlyList<RecordSlice> Records);
