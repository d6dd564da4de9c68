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
    public ReadOnlyMemory<byte> Raw { get => _raw; init => _raw = value; }

    /// <summary>Decoded without its images (<see cref="ChangeRecordDecoder.DecodeDeferringImages"/>):
    /// <see cref="NewImage"/> and <see cref="OldImage"/> are null whatever the record holds, and
    /// <see cref="DecodeFully"/> gives them.</summary>
    public bool ImagesDeferred { get; init; }

    /// <summary>This record with its images: itself unless they were deferred, else a new decoding of
    /// <see cref="Raw"/>, which must still be readable (the handler's input buffer is reused by the next batch).</summary>
    /// <exception cref="Decoding.DecodingException">An image is malformed.</exception>
    public ChangeRecord DecodeFully() => ImagesDeferred ? ChangeRecordDecoder.DecodeImages(this) : this;

    /// <summary>Where a DynamoDB Streams record's deferred images are in <see cref="Raw"/> (empty: the record has
    /// none); null for a Kinesis record, whose images are inside its base64 data.</summary>
    internal (ImageSpan New, ImageSpan Old)? DeferredImages { get; init; }

    internal ChangeRecord WithImages(AttributeMap? newImage, AttributeMap? oldImage) => new()
    {
        Position = Position,
        Source = Source,
        EventId = EventId,
        Kind = Kind,
        TableName = TableName,
        Region = Region,
        Checkpoint = Checkpoint,
        ApproximateCreationTime = ApproximateCreationTime,
        ViewType = ViewType,
        IsTtlExpiry = IsTtlExpiry,
        Keys = Keys,
        NewImage = newImage,
        OldImage = oldImage,
        SizeBytes = SizeBytes,
        Raw = Raw,
        _itemKey = _itemKey,
    };

    /// <summary>Names the record for errors: <c>record N (eventID X, sequence Y)</c>.</summary>
    public string Describe() => new RecordIdentity(EventId, Checkpoint).Describe(Position);

    /// <summary>The item identity within its table: key attributes in key order, rendered for metadata.</summary>
    public string ItemKey => _itemKey ??= ItemKeys.Render(Keys);

    private string? _itemKey;
    private ReadOnlyMemory<byte> _raw;

    /// <summary>Points <see cref="Raw"/> at the bytes the record was decoded from, once its event's bytes are placed: a
    /// record decoded in a reading buffer (<see cref="ChangeRecordDecoder.TryDecodeLeading"/>) before its event was copied
    /// out of it, or before the event was handed out with the buffer's own bytes, valid until the next event is read
    /// (<see cref="StreamEventFile"/>, <c>borrowBytes</c>).</summary>
    internal void Rebase(ReadOnlyMemory<byte> raw) => _raw = raw;
}

/// <summary>Where an image is in a record's JSON; <see cref="Length"/> 0 when the record has none.</summary>
internal readonly record struct ImageSpan(int Start, int Length);
