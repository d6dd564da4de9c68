namespace Bus.StreamBridge.Tests.Builders;

/// <summary>A DynamoDB Streams record of a Lambda event, as JSON, with every part replaceable through <c>with</c>.
/// A null part is left out of the record.</summary>
internal sealed record StreamRecordJson
{
    public string? EventId { get; init; } = "evt-1";

    public string? EventName { get; init; } = "MODIFY";

    public string? SourceArn { get; init; } = "arn:aws:dynamodb:eu-west-1:123456789012:table/Customers/stream/2026-11-01T00:00:00.000";

    public string? UserIdentity { get; init; }

    public string? ViewType { get; init; } = "NEW_AND_OLD_IMAGES";

    public string? SequenceNumber { get; init; } = "4421584500000000017450440091";

    public string? CreationTime { get; init; } = "1793000007";

    public string? Keys { get; init; } = """{"customerId": {"S": "C-1"}}""";

    public string? NewImage { get; init; } = """{"customerId": {"S": "C-1"}, "email": {"S": "new@example.com"}}""";

    public string? OldImage { get; init; } = """{"customerId": {"S": "C-1"}, "email": {"S": "old@example.com"}}""";

    public string? Extra { get; init; }

    public string ToJson()
    {
        var dynamodb = Join(
            Field("ApproximateCreationDateTime", CreationTime),
            Field("Keys", Keys),
            Field("NewImage", NewImage),
            Field("OldImage", OldImage),
            Field("SequenceNumber", Quoted(SequenceNumber)),
            """ "SizeBytes": 120 """,
            Field("StreamViewType", Quoted(ViewType)),
            Extra);
        return "{" + Join(
            Field("eventID", Quoted(EventId)),
            Field("eventName", Quoted(EventName)),
            """ "eventVersion": "1.1", "eventSource": "aws:dynamodb", "awsRegion": "eu-west-1" """,
            Field("userIdentity", UserIdentity),
            $$""" "dynamodb": {{{dynamodb}}} """,
            Field("eventSourceARN", Quoted(SourceArn))) + "}";
    }

    public static string? Quoted(string? text) => text is null ? null : $"\"{text}\"";

    private static string? Field(string name, string? json) => json is null ? null : $"\"{name}\": {json}";

    private static string Join(params string?[] parts) => string.Join(", ", parts.Where(p => p is not null));
}
