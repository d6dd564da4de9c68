using Bus.StreamBridge.Records;

namespace Bus.Demo.Replay;

/// <summary>A file of captured batches: one Lambda event (DynamoDB Streams or Kinesis) or JSON Lines of them, each event
/// being what one Lambda invocation receives.</summary>
public sealed record BatchFile(string Path, IReadOnlyList<StreamEvent> Events)
{
    public string Name => System.IO.Path.GetFileName(Path);

    public int Records => Events.Sum(e => e.Records.Count);
}
