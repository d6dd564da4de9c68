using System.Text;

namespace Bus.StreamBridge.Tests.Builders;

/// <summary>Kinesis Data Streams for DynamoDB records: a change record, base64-encoded into a Kinesis record.</summary>
internal static class KinesisJson
{
    public static string Record(string sequenceNumber, string changeJson) => $$"""
        {
          "kinesis": {
            "kinesisSchemaVersion": "1.0",
            "partitionKey": "20BA2703EBB3D0C92B283AC91C68553E",
            "sequenceNumber": "{{sequenceNumber}}",
            "data": "{{Convert.ToBase64String(Encoding.UTF8.GetBytes(changeJson))}}",
            "approximateArrivalTimestamp": 1793000021.5
          },
          "eventSource": "aws:kinesis",
          "eventID": "shardId-000000000000:{{sequenceNumber}}",
          "eventName": "aws:kinesis:record",
          "awsRegion": "eu-west-1"
        }
        """;

    public static string Change(
        string eventName = "INSERT",
        string? tableName = "Orders",
        string creationTime = "1793000021123",
        string? precision = "MILLISECOND",
        string? newImage = """{"orderId": {"S": "O-1"}}""",
        string? oldImage = null,
        string userIdentity = "null")
    {
        var parts = new List<string>
        {
            $"\"ApproximateCreationDateTime\": {creationTime}",
            """ "Keys": {"orderId": {"S": "O-1"}} """,
            "\"SizeBytes\": 80",
        };
        if (newImage is not null)
        {
            parts.Add($"\"NewImage\": {newImage}");
        }

        if (oldImage is not null)
        {
            parts.Add($"\"OldImage\": {oldImage}");
        }

        if (precision is not null)
        {
            parts.Add($"\"ApproximateCreationDateTimePrecision\": \"{precision}\"");
        }

        var table = tableName is null ? "" : $"\"tableName\": \"{tableName}\",";
        return $$"""
            {"awsRegion": "eu-west-1", "eventID": "change-1", "eventName": "{{eventName}}", "userIdentity": {{userIdentity}},
             "recordFormat": "application/json", {{table}} "dynamodb": {{{string.Join(", ", parts)}}}, "eventSource": "aws:dynamodb"}
            """;
    }
}
