using System.Text;

namespace Bus.Integration.Tests;

/// <summary>
/// Stream records of a table the bridge is not configured for (<c>Legacy</c>, shaped like Customers), so that with
/// <c>Bridge:Unrouted=Store</c> they land in the failed-record store, and mapping the table to the Customers
/// translator is "the fix". Ids are the test's own so parallel tests never see each other's events.
/// </summary>
internal sealed class LegacyTable
{
    private readonly string _prefix = Guid.NewGuid().ToString("N")[..10];

    /// <summary>The one item whose changes are redriven, in stream order.</summary>
    public string CustomerId => $"C-{_prefix}";

    /// <summary>Configuration that fixes the records: the table gets the Customers translator.</summary>
    public const string Fix = "--Bridge:Tables:Legacy:Translator=Customers";

    public string EventId(int sequence) => $"{_prefix}-{sequence}";

    /// <summary>INSERT (100), email change (200), address change (300) of <see cref="CustomerId"/>, and at 150 a record
    /// of another item that the Customers translator rejects (it has no customerId).</summary>
    public string Insert => Record(100, "INSERT", null, Image("a@example.com", "Amsterdam"));

    public string EmailChange => Record(200, "MODIFY", Image("a@example.com", "Amsterdam"), Image("b@example.com", "Amsterdam"));

    public string AddressChange => Record(300, "MODIFY", Image("b@example.com", "Amsterdam"), Image("b@example.com", "Utrecht"));

    public string Broken => $$"""
        {"eventID":"{{EventId(150)}}","eventName":"INSERT","eventSource":"aws:dynamodb","awsRegion":"eu-west-1",
         "eventSourceARN":"arn:aws:dynamodb:eu-west-1:123456789012:table/Legacy/stream/2026-11-01T00:00:00.000",
         "dynamodb":{"ApproximateCreationDateTime":1793000000,"SequenceNumber":"150","StreamViewType":"NEW_AND_OLD_IMAGES",
         "Keys":{"accountId":{"S":"A-{{_prefix}}"} },"NewImage":{"accountId":{"S":"A-{{_prefix}}"} } } }
        """;

    /// <summary>One Lambda event per argument, as JSON Lines: the order the bridge first saw (and stored) them in.</summary>
    public static string Events(params string[][] batches) =>
        string.Join("\n", batches.Select(records => $$"""{"Records":[{{string.Join(",", records)}}]}""".ReplaceLineEndings(" ")));

    public static async Task<string> WriteAsync(string directory, string content)
    {
        var path = Path.Combine(directory, "batches.jsonl");
        await File.WriteAllTextAsync(path, content, new UTF8Encoding(false));
        return path;
    }

    private string Record(int sequence, string eventName, string? oldImage, string newImage)
    {
        var images = oldImage is null ? $"\"NewImage\":{newImage}" : $"\"NewImage\":{newImage},\"OldImage\":{oldImage}";
        return $$"""
            {"eventID":"{{EventId(sequence)}}","eventName":"{{eventName}}","eventSource":"aws:dynamodb","awsRegion":"eu-west-1",
             "eventSourceARN":"arn:aws:dynamodb:eu-west-1:123456789012:table/Legacy/stream/2026-11-01T00:00:00.000",
             "dynamodb":{"ApproximateCreationDateTime":1793000000,"SequenceNumber":"{{sequence}}","StreamViewType":"NEW_AND_OLD_IMAGES",
             "Keys":{"customerId":{"S":"{{CustomerId}}"} },{{images}} } }
            """;
    }

    private string Image(string email, string city) => $$"""
        {"customerId":{"S":"{{CustomerId}}"},"email":{"S":"{{email}}"},"address":{"M":{"street":{"S":"1 Main St"},"city":{"S":"{{city}}"},"postalCode":{"S":"1000"},"country":{"S":"NL"} } } }
        """.Trim();
}
