using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Bus.FaultInjection.Tests;

/// <summary>
/// The two documented Lambda record shapes of a change: a DynamoDB Streams record (<c>dynamodb</c> with epoch-second
/// creation time) and a Kinesis Data Streams record (<c>kinesis.data</c> = base64 of the DynamoDB change with
/// <c>tableName</c> and a microsecond creation time), as in samples/.
/// </summary>
public static class StreamRecordJson
{
    private const string Region = "eu-west-1";

    public static byte[] DynamoDbStreams(GeneratedChange change, string sequenceNumber)
    {
        var dynamodb = Body(change);
        dynamodb["ApproximateCreationDateTime"] = change.CreatedAt.ToUnixTimeSeconds();
        dynamodb["SequenceNumber"] = sequenceNumber;
        dynamodb["StreamViewType"] = "NEW_AND_OLD_IMAGES";
        var record = new JsonObject
        {
            ["eventID"] = change.EventId,
            ["eventName"] = change.EventName,
            ["eventVersion"] = "1.1",
            ["eventSource"] = "aws:dynamodb",
            ["awsRegion"] = Region,
            ["dynamodb"] = dynamodb,
            ["eventSourceARN"] = $"arn:aws:dynamodb:{Region}:123456789012:table/{change.Table}/stream/2026-11-01T00:00:00.000",
        };
        if (change.ExpiredByTtl)
            record["userIdentity"] = TtlIdentity();
        return Encoding.UTF8.GetBytes(record.ToJsonString());
    }

    public static byte[] Kinesis(GeneratedChange change, string shardId, string sequenceNumber)
    {
        var dynamodb = Body(change);
        dynamodb["ApproximateCreationDateTime"] = (change.CreatedAt - DateTimeOffset.UnixEpoch).Ticks / 10;
        dynamodb["ApproximateCreationDateTimePrecision"] = "MICROSECOND";
        var data = new JsonObject
        {
            ["awsRegion"] = Region,
            ["eventID"] = change.EventId,
            ["eventName"] = change.EventName,
            ["userIdentity"] = change.ExpiredByTtl ? TtlIdentity() : null,
            ["recordFormat"] = "application/json",
            ["tableName"] = change.Table,
            ["dynamodb"] = dynamodb,
            ["eventSource"] = "aws:dynamodb",
        };
        var record = new JsonObject
        {
            ["kinesis"] = new JsonObject
            {
                ["kinesisSchemaVersion"] = "1.0",
                ["partitionKey"] = change.Item,
                ["sequenceNumber"] = sequenceNumber,
                ["data"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(data.ToJsonString())),
                ["approximateArrivalTimestamp"] = change.CreatedAt.ToUnixTimeMilliseconds() / 1000.0,
            },
            ["eventSource"] = "aws:kinesis",
            ["eventVersion"] = "1.0",
            ["eventID"] = $"{shardId}:{sequenceNumber}",
            ["eventName"] = "aws:kinesis:record",
            ["invokeIdentityArn"] = "arn:aws:iam::123456789012:role/bus-stream-bridge",
            ["awsRegion"] = Region,
            ["eventSourceARN"] = $"arn:aws:kinesis:{Region}:123456789012:stream/bus-changes",
        };
        return Encoding.UTF8.GetBytes(record.ToJsonString());
    }

    /// <summary>A Lambda event of these records.</summary>
    public static MemoryStream Event(IReadOnlyList<ShardRecord> records)
    {
        var stream = new MemoryStream(records.Sum(r => r.Json.Length + 1) + 16);
        stream.Write("{\"Records\":["u8);
        for (var i = 0; i < records.Count; i++)
        {
            if (i > 0)
                stream.WriteByte((byte)',');
            stream.Write(records[i].Json);
        }

        stream.Write("]}"u8);
        stream.Position = 0;
        return stream;
    }

    private static JsonObject Body(GeneratedChange change)
    {
        var keys = new JsonObject { [change.KeyName] = DynamoJson.S(change.Key) };
        var body = new JsonObject { ["Keys"] = keys };
        if (change.NewImage is not null)
            body["NewImage"] = change.NewImage.DeepClone();
        if (change.OldImage is not null)
            body["OldImage"] = change.OldImage.DeepClone();
        body["SizeBytes"] = (change.NewImage?.ToJsonString().Length ?? 0) + (change.OldImage?.ToJsonString().Length ?? 0);
        return body;
    }

    private static JsonObject TtlIdentity() => new() { ["type"] = "Service", ["principalId"] = "dynamodb.amazonaws.com" };

    /// <summary>A sequence number of <paramref name="digits"/> digits that grows with <paramref name="counter"/>.</summary>
    public static string Sequence(int prefix, long counter, int digits) =>
        prefix.ToString(CultureInfo.InvariantCulture) + counter.ToString(CultureInfo.InvariantCulture).PadLeft(digits - prefix.ToString(CultureInfo.InvariantCulture).Length, '0');
}
