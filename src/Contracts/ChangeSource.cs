namespace Bus.Contracts;

/// <summary>
/// The AWS stream the bridge read a change from.
/// </summary>
/// <remarks>
/// Values are pinned (enums travel as numbers). New members are only ever appended.
/// </remarks>
public enum ChangeSource
{
    /// <summary>
    /// DynamoDB Streams. Each change appears once in the stream, and the changes of one item appear in the order
    /// they were made (delivery to consumers is still at least once). <see cref="ChangeMetadata.SequenceNumber"/> is
    /// the DynamoDB Streams sequence number.
    /// </summary>
    DynamoDbStreams = 0,

    /// <summary>
    /// Kinesis Data Streams for DynamoDB. AWS documents that records may appear in a different order than the item
    /// modifications and that the same change may appear more than once; duplicates share
    /// <see cref="ChangeMetadata.StreamEventId"/>. <see cref="ChangeMetadata.SequenceNumber"/> is the Kinesis
    /// record sequence number.
    /// </summary>
    KinesisDataStreams = 1,
}
