namespace Bus.Demo.Tests;

/// <summary>Batch files written for a spec, in the DynamoDB Streams event shape, removed with the spec.</summary>
internal sealed class Batches : IDisposable
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("bus-demo-batches-").FullName;

    public string FailedRecords => Path.Combine(Directory, "failed-records");

    public string Write(string name, params string[] lines)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllLines(path, lines);
        return path;
    }

    public static string Event(params string[] records) => $$"""{"Records":[{{string.Join(",", records)}}]}""";

    public static string CustomerInserted(string eventId, string sequence, string customerId, string email, string phone, string city) => $$$"""
        {"eventID":"{{{eventId}}}","eventName":"INSERT","eventVersion":"1.1","eventSource":"aws:dynamodb","awsRegion":"eu-west-1",
         "eventSourceARN":"arn:aws:dynamodb:eu-west-1:123456789012:table/Customers/stream/2026-11-01T00:00:00.000",
         "dynamodb":{"ApproximateCreationDateTime":1793100000,"Keys":{"customerId":{"S":"{{{customerId}}}"}},"SequenceNumber":"{{{sequence}}}",
           "SizeBytes":200,"StreamViewType":"NEW_AND_OLD_IMAGES",
           "NewImage":{"customerId":{"S":"{{{customerId}}}"},"email":{"S":"{{{email}}}"},"name":{"S":"Test Customer"},"phone":{"S":"{{{phone}}}"},
             "address":{"M":{"street":{"S":"9 Test Lane"},"city":{"S":"{{{city}}}"},"postalCode":{"S":"0000"},"country":{"S":"SE"} } },
             "marketingOptIn":{"BOOL":true},"version":{"N":"1"} } } }
        """.ReplaceLineEndings(" ");

    public static string OrderPlaced(string eventId, string sequence, string orderId, string customerId) => $$$"""
        {"eventID":"{{{eventId}}}","eventName":"INSERT","eventVersion":"1.1","eventSource":"aws:dynamodb","awsRegion":"eu-west-1",
         "eventSourceARN":"arn:aws:dynamodb:eu-west-1:123456789012:table/Orders/stream/2026-11-01T00:00:00.000",
         "dynamodb":{"ApproximateCreationDateTime":1793100010,"Keys":{"orderId":{"S":"{{{orderId}}}"}},"SequenceNumber":"{{{sequence}}}",
           "SizeBytes":200,"StreamViewType":"NEW_AND_OLD_IMAGES",
           "NewImage":{"orderId":{"S":"{{{orderId}}}"},"customerId":{"S":"{{{customerId}}}"},"orderNumber":{"S":"N-{{{orderId}}}"},"status":{"S":"PLACED"},
             "total":{"N":"10.00"},"items":{"L":[{"M":{"sku":{"S":"SKU-X"},"qty":{"N":"1"},"price":{"N":"10.00"} } } ] },"version":{"N":"1"} } } }
        """.ReplaceLineEndings(" ");

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
