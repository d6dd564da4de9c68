using System.Text;
using Bus.StreamBridge.Decoding;
using Bus.StreamBridge.Records;
using Bus.StreamBridge.Tests.Builders;

namespace Bus.StreamBridge.Tests.Records;

/// <summary>Nesting beyond DynamoDB's 32 levels is a fault of one record, whatever the depth.</summary>
public class NestingDepthTests
{
    /// <summary>An image attribute holding <paramref name="levels"/> maps, one inside the other.</summary>
    private static string NestedMaps(int levels)
    {
        var json = new StringBuilder();
        for (var i = 0; i < levels; i++)
        {
            json.Append("""{"M": {"a": """);
        }

        json.Append("""{"NULL": true}""");
        for (var i = 0; i < levels; i++)
        {
            json.Append("}}");
        }

        return json.ToString();
    }

    private static string Deep(int levels, string sequence = "4421584500000000017450440091") => new StreamRecordJson
    {
        EventId = "deep",
        SequenceNumber = sequence,
        NewImage = $$"""{"customerId": {"S": "C-1"}, "a": {{NestedMaps(levels)}}}""",
    }.ToJson();

    [Theory]
    [InlineData(33)]
    [InlineData(40)]
    [InlineData(2000)]
    public void A_record_nested_too_deeply_is_split_out_of_its_batch_like_any_other(int levels)
    {
        var batch = Json.Utf8($$"""{"Records": [{{new StreamRecordJson().ToJson()}}, {{Deep(levels)}}, {{new StreamRecordJson { EventId = "evt-2" }.ToJson()}}]}""");

        var records = Assert.Single(StreamEventReader.Read(batch)).Records;

        Assert.Equal(3, records.Count);
        Assert.Equal("evt-2", ChangeRecordDecoder.Decode(records[2]).EventId);
    }

    [Theory]
    [InlineData(33)]
    [InlineData(2000)]
    public void The_record_fails_decoding_naming_DynamoDB_s_limit(int levels)
    {
        var error = Assert.Throws<DecodingException>(() => Json.Record(Deep(levels)));

        Assert.Equal("value is nested deeper than DynamoDB's 32 levels", error.Reason);
        Assert.StartsWith("dynamodb.NewImage.a.a.a.", error.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void Thirty_two_levels_decode()
    {
        var record = Json.Record(Deep(32));

        Assert.Equal(AttributeType.M, record.NewImage!["a"].Type);
    }

    [Fact]
    public void A_deeply_nested_field_the_decoder_does_not_read_is_skipped()
    {
        var junk = new string('[', 5000) + new string(']', 5000);

        var record = Json.Record(new StreamRecordJson { Extra = $"\"Future\": {junk}" }.ToJson());

        Assert.Equal("evt-1", record.EventId);
    }

    [Fact]
    public void The_identity_after_a_deeply_nested_image_is_still_read()
    {
        var identity = RecordIdentity.Of(Json.Utf8(Deep(2000, sequence: "777")));

        Assert.Equal(new RecordIdentity("deep", SequenceNumber.Parse("777")), identity);
    }
}
