using System.Text;
using System.Text.Json.Nodes;

namespace Bus.StreamBridge.Tests.BadInput;

/// <summary>
/// The valid records the corpus breaks, each a change to an item the valid batches also change (order O-5001,
/// customer C-1001, product P-300), so every bad record sits inside an item whose other records must still be
/// published in order. Each base record, unbroken, publishes exactly one event.
/// </summary>
internal static class CorpusBases
{
    /// <summary>DynamoDB Streams: position in the valid batch and a sequence number between its neighbours
    /// (…448091 and …449091).</summary>
    public const int StreamPosition = 9;

    public const string StreamSequence = "4421584500000000017450448591";

    /// <summary>Kinesis: position in the re-sequenced valid batch, between …88040 and …88050.</summary>
    public const int KinesisPosition = 2;

    public const string KinesisSequence = "495903382714902566085596925383615710959215759891365880045";

    public static string KinesisEventId => "shardId-000000000000:" + KinesisSequence;

    private const string OrdersArn = "arn:aws:dynamodb:eu-west-1:123456789012:table/Orders/stream/2026-11-01T00:00:00.000";

    public static string Arn(string table) => OrdersArn.Replace("/Orders/", $"/{table}/", StringComparison.Ordinal);

    public static JsonObject Order(string status, string version) => Object($$$$"""
        {
          "orderId": {"S": "O-5001"}, "customerId": {"S": "C-1001"}, "orderNumber": {"S": "2026-000123"},
          "status": {"S": "{{{{status}}}}"}, "total": {"N": "49.99"},
          "items": {"L": [{"M": {"sku": {"S": "SKU-RED-MUG"}, "qty": {"N": "2"}, "price": {"N": "12.50"}}}]},
          "version": {"N": "{{{{version}}}}"}
        }
        """);

    public static JsonObject Customer(string email, string version) => Object($$$$"""
        {
          "customerId": {"S": "C-1001"}, "email": {"S": "{{{{email}}}}"}, "name": {"S": "Ada Lovelace"},
          "phone": {"S": "+31612345678"},
          "address": {"M": {"street": {"S": "1 Canal Street"}, "city": {"S": "Amsterdam"}, "postalCode": {"S": "1012 AB"}, "country": {"S": "NL"}}},
          "marketingOptIn": {"BOOL": true}, "version": {"N": "{{{{version}}}}"}
        }
        """);

    public static JsonObject Product(string quantity) => Object($$$$"""
        {
          "productId": {"S": "P-300"}, "sku": {"S": "SKU-RED-MUG"}, "name": {"S": "Red mug"},
          "quantity": {"N": "{{{{quantity}}}}"}, "reorderThreshold": {"N": "10"}, "lastModifiedBy": {"S": "warehouse-7"}
        }
        """);

    /// <summary>A DynamoDB Streams record of <paramref name="table"/>; images per <paramref name="eventName"/>.</summary>
    public static JsonObject Stream(string eventId, string table, string eventName)
    {
        var (key, newImage, oldImage) = table switch
        {
            "Customers" => ("customerId", Customer("ada.new@example.com", "3"), Customer("ada@example.com", "2")),
            "Inventory" => ("productId", Product("35"), Product("40")),
            _ => ("orderId", Order("PACKED", "3"), Order("PAID", "2")),
        };
        if (table == "Orders" && eventName == "INSERT")
        {
            newImage = Order("PLACED", "1");
        }

        var dynamodb = new JsonObject
        {
            ["ApproximateCreationDateTime"] = 1793000063,
            ["Keys"] = new JsonObject { [key] = newImage[key]!.DeepClone() },
            ["SequenceNumber"] = StreamSequence,
            ["SizeBytes"] = 260,
            ["StreamViewType"] = "NEW_AND_OLD_IMAGES",
        };
        if (eventName != "REMOVE")
        {
            dynamodb["NewImage"] = newImage;
        }

        if (eventName != "INSERT")
        {
            dynamodb["OldImage"] = oldImage;
        }

        return new JsonObject
        {
            ["eventID"] = eventId,
            ["eventName"] = eventName,
            ["eventVersion"] = "1.1",
            ["eventSource"] = "aws:dynamodb",
            ["awsRegion"] = "eu-west-1",
            ["dynamodb"] = dynamodb,
            ["eventSourceARN"] = Arn(table),
        };
    }

    /// <summary>The change inside a Kinesis record: an Orders MODIFY of O-5001, created in microseconds.</summary>
    public static JsonObject KinesisChange(string eventId, string eventName = "MODIFY")
    {
        var record = Stream(eventId, "Orders", eventName);
        var dynamodb = record["dynamodb"]!.AsObject();
        dynamodb.Remove("SequenceNumber");
        dynamodb.Remove("StreamViewType");
        dynamodb["ApproximateCreationDateTime"] = 1793000063123456;
        dynamodb["ApproximateCreationDateTimePrecision"] = "MICROSECOND";
        return new JsonObject
        {
            ["awsRegion"] = "eu-west-1",
            ["eventID"] = eventId,
            ["eventName"] = eventName,
            ["userIdentity"] = null,
            ["recordFormat"] = "application/json",
            ["tableName"] = "Orders",
            ["dynamodb"] = dynamodb.DeepClone(),
            ["eventSource"] = "aws:dynamodb",
        };
    }

    /// <summary>A Kinesis Lambda record carrying <paramref name="data"/>.</summary>
    public static JsonObject Kinesis(byte[] data) => new()
    {
        ["kinesis"] = new JsonObject
        {
            ["kinesisSchemaVersion"] = "1.0",
            ["partitionKey"] = "20BA2703EBB3D0C92B283AC91C68553E",
            ["sequenceNumber"] = KinesisSequence,
            ["data"] = Convert.ToBase64String(data),
            ["approximateArrivalTimestamp"] = 1793000063.5,
        },
        ["eventSource"] = "aws:kinesis",
        ["eventVersion"] = "1.0",
        ["eventID"] = KinesisEventId,
        ["eventName"] = "aws:kinesis:record",
        ["invokeIdentityArn"] = "arn:aws:iam::123456789012:role/bus-stream-bridge",
        ["awsRegion"] = "eu-west-1",
        ["eventSourceARN"] = "arn:aws:kinesis:eu-west-1:123456789012:stream/bus-changes",
    };

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static JsonObject Object(string json) => JsonNode.Parse(json)!.AsObject();
}
