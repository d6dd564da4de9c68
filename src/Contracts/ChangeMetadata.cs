namespace Bus.Contracts;

/// <summary>
/// Where an event came from: the DynamoDB change (one stream record) that the bridge translated into it.
/// Every event carries one, in <see cref="IChangeEvent.Change"/>.
/// </summary>
/// <remarks>
/// One stream record can produce several events (for example <c>CustomerEmailChanged</c> and
/// <c>CustomerPhoneChanged</c> from one update); they carry equal metadata. Use <see cref="EntityKey"/> to group
/// changes per item, and <see cref="ItemVersion"/> (else <see cref="SequenceNumber"/>) to ignore changes of an item
/// that arrive after a newer one has been applied.
/// </remarks>
public sealed record ChangeMetadata
{
    /// <summary>
    /// Name of the DynamoDB table the item lives in (from <c>eventSourceARN</c> or, for Kinesis, <c>tableName</c>),
    /// e.g. <c>Customers</c>.
    /// </summary>
    public required string SourceTable { get; init; }

    /// <summary>
    /// The DynamoDB change's <c>eventID</c>. Unique per change; identical for every Kinesis duplicate of one change,
    /// so it identifies the change regardless of how often it was delivered. The bridge derives message ids from it.
    /// </summary>
    public required string StreamEventId { get; init; }

    /// <summary>
    /// The record's position in its stream, as decimal digits only: the DynamoDB Streams sequence number for
    /// <see cref="ChangeSource.DynamoDbStreams"/>, the Kinesis record sequence number for
    /// <see cref="ChangeSource.KinesisDataStreams"/>.
    /// </summary>
    /// <remarks>
    /// Compare as numbers, never as strings: the digit count varies, so <c>"9"</c> sorts after <c>"10"</c> as text.
    /// Parse with <see cref="System.Numerics.BigInteger"/> (the values exceed <see cref="long"/>), or compare by
    /// length first and then ordinally. Only values of the same <see cref="Source"/> for the same item are comparable.
    /// </remarks>
    public required string SequenceNumber { get; init; }

    /// <summary>
    /// When DynamoDB made the change, approximately (the record's <c>ApproximateCreationDateTime</c>), in UTC.
    /// Precision: whole seconds for DynamoDB Streams; milliseconds or microseconds for Kinesis, as the stream sends.
    /// Not unique and not an ordering key for changes within the same second.
    /// </summary>
    public required DateTimeOffset ApproximateCreationTime { get; init; }

    /// <summary>
    /// The item's key rendered as <c>attr=value</c> pairs joined by <c>|</c>, ordered by attribute name (stream
    /// records do not say which key is the partition key), e.g. <c>customerId=C-1</c> or <c>pk=ORDER#1|sk=LINE#2</c>.
    /// </summary>
    /// <remarks>
    /// Use it as an opaque identifier of the item (grouping, ordering per item, deduplication); do not parse it.
    /// A <c>\</c>, <c>=</c> or <c>|</c> inside a name or value is escaped with <c>\</c>, so distinct keys never collide.
    /// Each event type also carries its entity's id as a typed field.
    /// </remarks>
    public required string EntityKey { get; init; }

    /// <summary>
    /// The item's version attribute (<c>version</c> on the Customers and Orders tables) from the newest image the
    /// record carries (the new image; the old image for a removal). Null when the table or the item has no version
    /// attribute, or when the stream does not carry an image.
    /// </summary>
    /// <remarks>
    /// When present, it is the most reliable order of changes of one item, across sources and replays: ignore an
    /// event whose version is not greater than the last one you applied for <see cref="EntityKey"/>.
    /// </remarks>
    public long? ItemVersion { get; init; }

    /// <summary>Whether the item was inserted, modified or removed (the record's <c>eventName</c>).</summary>
    public required ChangeKind ChangeKind { get; init; }

    /// <summary>The AWS stream the change was read from; it determines what <see cref="SequenceNumber"/> means.</summary>
    public required ChangeSource Source { get; init; }
}
