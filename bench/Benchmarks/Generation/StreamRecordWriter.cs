using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Bus.Benchmarks.Generation;

/// <summary>
/// Writes changes as the records of Lambda events, in the documented shapes: a DynamoDB Streams record
/// (NEW_AND_OLD_IMAGES, epoch-second creation time, decimal sequence number) or a Kinesis Data Streams record whose
/// base64 <c>data</c> holds the DynamoDB change with <c>tableName</c> and a millisecond creation time.
/// </summary>
internal sealed class StreamRecordWriter(Random random, bool kinesis)
{
    private const string Region = "eu-west-1";
    private const string Account = "123456789012";

    private readonly ArrayBufferWriter<byte> _inner = new(4096);
    private readonly Utf8JsonWriter _innerWriter = new(new ArrayBufferWriter<byte>());
    private decimal _sequence = 4421584500000000017450440091m;
    private long _kinesisSequence = 1_000_000_000_000_000;
    private long _creationMillis = 1_793_000_000_000;

    public void Write(Utf8JsonWriter writer, Change change)
    {
        _sequence += random.Next(100, 1000);
        _creationMillis += random.Next(0, 40);
        if (kinesis)
        {
            WriteKinesis(writer, change);
        }
        else
        {
            WriteDynamoDb(writer, change);
        }
    }

    private void WriteDynamoDb(Utf8JsonWriter writer, Change change)
    {
        writer.WriteStartObject();
        writer.WriteString("eventID"u8, EventId());
        writer.WriteString("eventName"u8, change.EventName);
        writer.WriteString("eventVersion"u8, "1.1");
        writer.WriteString("eventSource"u8, "aws:dynamodb");
        writer.WriteString("awsRegion"u8, Region);
        WriteUserIdentity(writer, change);
        writer.WriteStartObject("dynamodb"u8);
        writer.WriteNumber("ApproximateCreationDateTime"u8, _creationMillis / 1000);
        WriteImages(writer, change);
        writer.WriteString("SequenceNumber"u8, _sequence.ToString(CultureInfo.InvariantCulture));
        writer.WriteNumber("SizeBytes"u8, SizeBytes(change));
        writer.WriteString("StreamViewType"u8, "NEW_AND_OLD_IMAGES");
        writer.WriteEndObject();
        writer.WriteString("eventSourceARN"u8, $"arn:aws:dynamodb:{Region}:{Account}:table/{change.Item.Table}/stream/2026-11-01T00:00:00.000");
        writer.WriteEndObject();
    }

    private void WriteKinesis(Utf8JsonWriter writer, Change change)
    {
        _inner.ResetWrittenCount();
        _innerWriter.Reset(_inner);
        WriteKinesisData(_innerWriter, change);
        _innerWriter.Flush();

        var sequence = "4959033827149025660855969253" + (_kinesisSequence++).ToString("D28", CultureInfo.InvariantCulture);
        writer.WriteStartObject();
        writer.WriteStartObject("kinesis"u8);
        writer.WriteString("kinesisSchemaVersion"u8, "1.0");
        writer.WriteString("partitionKey"u8, PartitionKey(change.Item));
        writer.WriteString("sequenceNumber"u8, sequence);
        writer.WriteBase64String("data"u8, _inner.WrittenSpan);
        writer.WriteNumber("approximateArrivalTimestamp"u8, (_creationMillis + 300) / 1000m);
        writer.WriteEndObject();
        writer.WriteString("eventSource"u8, "aws:kinesis");
        writer.WriteString("eventVersion"u8, "1.0");
        writer.WriteString("eventID"u8, "shardId-000000000000:" + sequence);
        writer.WriteString("eventName"u8, "aws:kinesis:record");
        writer.WriteString("invokeIdentityArn"u8, $"arn:aws:iam::{Account}:role/bus-stream-bridge");
        writer.WriteString("awsRegion"u8, Region);
        writer.WriteString("eventSourceARN"u8, $"arn:aws:kinesis:{Region}:{Account}:stream/bus-cdc");
        writer.WriteEndObject();
    }

    private void WriteKinesisData(Utf8JsonWriter writer, Change change)
    {
        writer.WriteStartObject();
        writer.WriteString("awsRegion"u8, Region);
        writer.WriteString("eventID"u8, EventId());
        writer.WriteString("eventName"u8, change.EventName);
        WriteUserIdentity(writer, change);
        writer.WriteString("recordFormat"u8, "application/json");
        writer.WriteString("tableName"u8, change.Item.Table);
        writer.WriteStartObject("dynamodb"u8);
        writer.WriteNumber("ApproximateCreationDateTime"u8, _creationMillis);
        WriteImages(writer, change);
        writer.WriteNumber("SizeBytes"u8, SizeBytes(change));
        writer.WriteEndObject();
        writer.WriteString("eventSource"u8, "aws:dynamodb");
        writer.WriteEndObject();
    }

    private static void WriteUserIdentity(Utf8JsonWriter writer, Change change)
    {
        if (!change.ByTtl)
        {
            return;
        }

        writer.WriteStartObject("userIdentity"u8);
        writer.WriteString("type"u8, "Service");
        writer.WriteString("principalId"u8, "dynamodb.amazonaws.com");
        writer.WriteEndObject();
    }

    private static void WriteImages(Utf8JsonWriter writer, Change change)
    {
        writer.WriteStartObject("Keys"u8);
        change.Item.WriteKeys(writer);
        writer.WriteEndObject();
        if (change.New is { } newImage)
        {
            writer.WriteStartObject("NewImage"u8);
            newImage.WriteImage(writer);
            writer.WriteEndObject();
        }

        if (change.Old is { } oldImage)
        {
            writer.WriteStartObject("OldImage"u8);
            oldImage.WriteImage(writer);
            writer.WriteEndObject();
        }
    }

    /// <summary>DynamoDB's item size: roughly the attribute names and values without the JSON around them.</summary>
    private static int SizeBytes(Change change) => change.New is null || change.Old is null ? 180 : 360;

    /// <summary>DynamoDB uses an MD5 of the partition key; any stable hex of the key does for replay.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5351", Justification = "Mirrors DynamoDB's partition key hash; not security.")]
    private static string PartitionKey(IItemImage item) =>
        Convert.ToHexString(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(item.Table + "/" + item.Key)));

    private string EventId()
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return Convert.ToHexStringLower(bytes);
    }
}
