namespace Bus.FaultInjection.Tests;

/// <summary>One record in a shard, as Lambda hands it to the function.</summary>
/// <param name="Position">Its place in the shard.</param>
/// <param name="Checkpoint">The sequence number Lambda checkpoints on and the function names in <c>batchItemFailures</c>
/// (DynamoDB Streams: <c>dynamodb.SequenceNumber</c>; Kinesis: <c>kinesis.sequenceNumber</c>).</param>
/// <param name="Json">The record's JSON, one element of the event's <c>Records</c>.</param>
/// <param name="Change">The change it carries.</param>
/// <param name="BindsNext">Kinesis delivered this record before the next one although it was made after it; the two
/// are handed over in one batch, where the bridge puts them back in order (the limit of what it documents).</param>
/// <param name="IsCopy">A second delivery of a change Kinesis already delivered.</param>
public sealed record ShardRecord(int Position, string Checkpoint, byte[] Json, GeneratedChange Change, bool BindsNext, bool IsCopy);
