using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Bus.Benchmarks.Generation;

namespace Bus.EndToEnd.Workload;

/// <summary>
/// Writes a batch of records as the Lambda event of a DynamoDB Streams event source mapping (NEW_AND_OLD_IMAGES).
/// <c>ApproximateCreationDateTime</c> is written in epoch seconds with three decimals: Lambda's own events carry whole
/// seconds, which would blur every latency by up to a second; the bridge reads the number exactly either way.
/// </summary>
internal static class LambdaEventWriter
{
    private const string Region = "eu-west-1";
    private const string Account = "123456789012";

    /// <summary>The event JSON of <paramref name="records"/>, the record at position i created at <paramref name="createdAt"/>[i].</summary>
    public static byte[] Write(IReadOnlyList<GeneratedRecord> records, IReadOnlyList<DateTimeOffset> createdAt)
    {
        var buffer = new ArrayBufferWriter<byte>(records.Count * 1200);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("Records"u8);
            for (var i = 0; i < records.Count; i++)
            {
                WriteRecord(writer, records[i], createdAt[i]);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary><paramref name="time"/> cut to whole milliseconds: what the record can say, and what latencies are measured from.</summary>
    public static DateTimeOffset ToRecordPrecision(DateTimeOffset time) =>
        DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds());

    private static void WriteRecord(Utf8JsonWriter writer, GeneratedRecord record, DateTimeOffset createdAt)
    {
        var change = record.Change;
        writer.WriteStartObject();
        writer.WriteString("eventID"u8, record.EventId);
        writer.WriteString("eventName"u8, change.EventName);
        writer.WriteString("eventVersion"u8, "1.1");
        writer.WriteString("eventSource"u8, "aws:dynamodb");
        writer.WriteString("awsRegion"u8, Region);
        if (change.ByTtl)
        {
            writer.WriteStartObject("userIdentity"u8);
            writer.WriteString("type"u8, "Service");
            writer.WriteString("principalId"u8, "dynamodb.amazonaws.com");
            writer.WriteEndObject();
        }

        writer.WriteStartObject("dynamodb"u8);
        writer.WriteNumber("ApproximateCreationDateTime"u8, createdAt.ToUnixTimeMilliseconds() / 1000m);
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

        writer.WriteString("SequenceNumber"u8, record.SequenceNumber.ToString(CultureInfo.InvariantCulture));
        writer.WriteNumber("SizeBytes"u8, change.New is null || change.Old is null ? 180 : 360);
        writer.WriteString("StreamViewType"u8, "NEW_AND_OLD_IMAGES");
        writer.WriteEndObject();
        writer.WriteString("eventSourceARN"u8, $"arn:aws:dynamodb:{Region}:{Account}:table/{change.Item.Table}/stream/2026-11-01T00:00:00.000");
        writer.WriteEndObject();
    }
}
