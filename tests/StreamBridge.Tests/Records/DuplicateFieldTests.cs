using Bus.StreamBridge.Decoding;
using Bus.StreamBridge.Tests.Builders;

namespace Bus.StreamBridge.Tests.Records;

/// <summary>A field that appears twice makes a record ambiguous: readers disagree on which copy counts.</summary>
public class DuplicateFieldTests
{
    private static readonly string Valid = new StreamRecordJson().ToJson();

    /// <summary>The valid record with <paramref name="field"/> added again at its start.</summary>
    private static string TopLevel(string field) => "{" + field + ", " + Valid[1..];

    [Theory]
    [InlineData("\"eventID\": \"evt-2\"", "eventID appears twice")]
    [InlineData("\"eventName\": \"REMOVE\"", "eventName appears twice")]
    [InlineData("\"eventSourceARN\": \"arn:aws:dynamodb:eu-west-1:1:table/Orders/stream/x\"", "eventSourceARN appears twice")]
    [InlineData("\"awsRegion\": \"us-east-1\"", "awsRegion appears twice")]
    [InlineData("\"dynamodb\": {}", "dynamodb appears twice")]
    public void A_repeated_record_field_is_rejected(string repeated, string message)
    {
        var error = Assert.Throws<DecodingException>(() => Json.Record(TopLevel(repeated)));

        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("\"Keys\": {\"customerId\": {\"S\": \"C-2\"}}", "dynamodb.Keys appears twice")]
    [InlineData("\"NewImage\": {\"customerId\": {\"S\": \"C-1\"}}", "dynamodb.NewImage appears twice")]
    [InlineData("\"OldImage\": {\"customerId\": {\"S\": \"C-1\"}}", "dynamodb.OldImage appears twice")]
    [InlineData("\"SequenceNumber\": \"1\"", "dynamodb.SequenceNumber appears twice")]
    [InlineData("\"StreamViewType\": \"KEYS_ONLY\"", "dynamodb.StreamViewType appears twice")]
    [InlineData("\"ApproximateCreationDateTime\": 1", "dynamodb.ApproximateCreationDateTime appears twice")]
    [InlineData("\"SizeBytes\": 1", "dynamodb.SizeBytes appears twice")]
    public void A_repeated_dynamodb_field_is_rejected(string repeated, string message)
    {
        var error = Assert.Throws<DecodingException>(() => Json.Record(new StreamRecordJson { Extra = repeated }.ToJson()));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void A_repeated_user_identity_field_is_rejected()
    {
        var json = new StreamRecordJson
        {
            EventName = "REMOVE",
            NewImage = null,
            UserIdentity = """{"type": "Service", "principalId": "dynamodb.amazonaws.com", "type": "User"}""",
        }.ToJson();

        var error = Assert.Throws<DecodingException>(() => Json.Record(json));

        Assert.Equal("userIdentity.type appears twice", error.Message);
    }

    [Fact]
    public void A_repeated_field_inside_kinesis_data_is_rejected_by_path()
    {
        var change = KinesisJson.Change().Replace("\"eventName\": \"INSERT\"", "\"eventName\": \"INSERT\", \"eventName\": \"REMOVE\"", StringComparison.Ordinal);

        var error = Assert.Throws<DecodingException>(() => Json.Record(KinesisJson.Record("1", change)));

        Assert.Equal("kinesis.data: eventName appears twice", error.Message);
    }

    [Fact]
    public void Repeated_kinesis_data_is_rejected()
    {
        var json = KinesisJson.Record("1", KinesisJson.Change()).Replace("\"sequenceNumber\"", "\"data\": \"e30=\", \"sequenceNumber\"", StringComparison.Ordinal);

        var error = Assert.Throws<DecodingException>(() => Json.Record(json));

        Assert.Equal("kinesis.data appears twice", error.Message);
    }

    [Fact]
    public void A_repeated_field_the_decoder_does_not_read_is_ignored()
    {
        var json = TopLevel("\"eventVersion\": \"1.0\"");

        Assert.Equal("evt-1", Json.Record(json).EventId);
    }
}
