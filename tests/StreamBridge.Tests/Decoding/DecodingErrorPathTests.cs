using Bus.StreamBridge.Decoding;
using Bus.StreamBridge.Tests.Builders;

namespace Bus.StreamBridge.Tests.Decoding;

/// <summary>Decoding errors say where and why, never what: attribute values may be personal data.</summary>
public class DecodingErrorPathTests
{
    private const string Secret = "SECRET-4711";

    [Fact]
    public void An_error_in_a_nested_map_names_the_full_path_from_the_record()
    {
        var json = new StreamRecordJson
        {
            NewImage = """{"customerId": {"S": "C-1"}, "address": {"M": {"city": {"N": "SECRET-4711"}}}}""",
        }.ToJson();

        var error = Assert.Throws<DecodingException>(() => Json.Record(json));

        Assert.Equal("dynamodb.NewImage.address.city: number has no digits", error.Message);
        Assert.Equal("dynamodb.NewImage.address.city", error.Path);
    }

    [Fact]
    public void An_error_in_a_list_element_names_its_index()
    {
        var json = new StreamRecordJson
        {
            OldImage = """{"items": {"L": [{"M": {"sku": {"S": "A"}}}, {"M": {"sku": {"B": "SECRET-4711"}}}]}}""",
        }.ToJson();

        var error = Assert.Throws<DecodingException>(() => Json.Record(json));

        Assert.Equal("dynamodb.OldImage.items[1].sku: B value is not valid base64", error.Message);
    }

    [Fact]
    public void An_error_in_a_key_names_the_keys_field()
    {
        var json = new StreamRecordJson { Keys = """{"customerId": {"BOOL": "SECRET-4711"}}""" }.ToJson();

        var error = Assert.Throws<DecodingException>(() => Json.Record(json));

        Assert.Equal("dynamodb.Keys.customerId: BOOL must be true or false, found a string", error.Message);
    }

    [Theory]
    [InlineData("""{"N": "SECRET-4711"}""")]
    [InlineData("""{"B": "SECRET-4711"}""")]
    [InlineData("""{"BOOL": "SECRET-4711"}""")]
    [InlineData("""{"NULL": "SECRET-4711"}""")]
    [InlineData("""{"NS": ["1", "SECRET-4711"]}""")]
    [InlineData("""{"SECRET-4711": "x"}""")]
    [InlineData("""{"S": "SECRET-4711", "N": "1"}""")]
    [InlineData("""{"M": {"a": {"S": "SECRET-4711"}, "a": {"S": "SECRET-4711"}}}""")]
    public void The_message_never_contains_the_value(string valueJson)
    {
        var json = new StreamRecordJson { NewImage = """{"customerId": {"S": "C-1"}, "x": """ + valueJson + "}" }.ToJson();

        var error = Assert.Throws<DecodingException>(() => Json.Record(json));

        Assert.StartsWith("dynamodb.NewImage.x", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_error_inside_kinesis_data_is_prefixed_with_kinesis_data()
    {
        var json = KinesisJson.Record("7", KinesisJson.Change(newImage: """{"orderId": {"S": "O-1"}, "total": {"N": "1e"}}"""));

        var error = Assert.Throws<DecodingException>(() => Json.Record(json));

        Assert.Equal("kinesis.data.dynamodb.NewImage.total: number has an exponent without digits", error.Message);
    }
}
