using Bus.Contracts;
using Bus.StreamBridge.Decoding;

namespace Bus.StreamBridge.Records;

/// <summary>One decoded change to one item, from either DynamoDB Streams or Kinesis Data Streams for DynamoDB.</summary>
public sealed class ChangeRecord
{
    /// <summary>Index of the record in its batch.</summary>
    public required int Position { get; init; }

    public required ChangeSource Source { get; init; }

    /// <summary>The DynamoDB change's eventID: the same for every Kinesis duplicate of one change.</summary>
    public required string EventId { get; init; }

    public required ChangeKind Kind { get; init; }

    public required string TableName { get; init; }

    public string? Region { get; init; }

    /// <summary>The position to report in <c>batchItemFailures</c>: the DynamoDB Streams sequence number, or
    /// for Kinesis the Kinesis record's sequence number.</summary>
    public required SequenceNumber Checkpoint { get; init; }

    public required DateTimeOffset ApproximateCreationTime { get; init; }

    /// <summary>The stream's view type; Kinesis records do not carry one (they always hold both images).</summary>
    public StreamViewType? ViewType { get; init; }

    /// <summary>A REMOVE made by DynamoDB's TTL process rather than by an application.</summary>
    public bool IsTtlExpiry { get; init; }

    public required AttributeMap Keys { get; init; }

    public AttributeMap? NewImage { get; init; }

    public AttributeMap? OldImage { get; init; }

    public long? SizeBytes { get; init; }

    /// <summary>The record's JSON as received, for the failed-record store. Never logged.</summary>
    public ReadOnlyMemory<byte> Raw { get; init; }

    /// <summary>Names the record for errors: <c>record N (eventID X, sequence Y)</c>.</summary>
    public string Describe() => new RecordIdentity(EventId, Checkpoint).Describe(Position);

    /// <summary>The item identity within its table: key attributes in key order, rendered for metadata.</summary>
    public string ItemKey => _itemKey ??= ItemKeys.Render(Keys);

    private string? _itemKey;
}
