using System.Text;
using Bus.StreamBridge.Decoding;
using Bus.StreamBridge.Records;
using Bus.StreamBridge.Tests.Builders;

namespace Bus.StreamBridge.Tests.Records;

/// <summary>JSON that is well-formed but whose strings are not valid Unicode: bytes that are not UTF-8, or escapes
/// that leave a surrogate unpaired. The JSON reader accepts them and fails only when a string is read.</summary>
public class UnicodeDecodingTests
{
    private const string NotUnicode = "is not valid Unicode (invalid UTF-8 or an unpaired surrogate escape)";

    /// <summary>The record JSON with <c>@@</c> replaced by raw bytes.</summary>
    private static byte[] WithBytes(string json, params byte[] bytes)
    {
        var at = json.IndexOf("@@", StringComparison.Ordinal);
        return [.. Encoding.UTF8.GetBytes(json[..at]), .. bytes, .. Encoding.UTF8.GetBytes(json[(at + 2)..])];
    }

    private static ChangeRecord Decode(byte[] json) => ChangeRecordDecoder.Decode(new RecordSlice(0, json));

    [Theory]
    [InlineData(new byte[] { 0xC3, 0x28 })]
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0xC0, 0xAF })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    [InlineData(new byte[] { 0xE2, 0x82 })]
    public void An_S_value_that_is_not_UTF8_is_a_decoding_error_naming_its_attribute(byte[] bytes)
    {
        var json = WithBytes(new StreamRecordJson { NewImage = """{"customerId": {"S": "C-1"}, "email": {"S": "a@@b"}}""" }.ToJson(), bytes);

        var error = Assert.Throws<DecodingException>(() => Decode(json));

        Assert.Equal($"dynamodb.NewImage.email: S value {NotUnicode}", error.Message);
    }

    [Fact]
    public void An_unpaired_surrogate_escape_is_a_decoding_error()
    {
        var json = new StreamRecordJson { OldImage = """{"customerId": {"S": "C-1"}, "tags": {"SS": ["ok", "\ud800x"]}}""" }.ToJson();

        var error = Assert.Throws<DecodingException>(() => Json.Record(json));

        Assert.Equal($"dynamodb.OldImage.tags[1]: SS value {NotUnicode}", error.Message);
    }

    [Fact]
    public void An_attribute_name_that_is_not_UTF8_is_a_decoding_error_naming_its_map()
    {
        var json = WithBytes(new StreamRecordJson { NewImage = """{"customerId": {"S": "C-1"}, "address": {"M": {"ci@@ty": {"S": "x"}}}}""" }.ToJson(), 0xFE);

        var error = Assert.Throws<DecodingException>(() => Decode(json));

        Assert.Equal($"dynamodb.NewImage.address: an attribute name {NotUnicode}", error.Message);
    }

    [Fact]
    public void Number_text_that_is_not_UTF8_is_a_decoding_error()
    {
        var json = WithBytes(new StreamRecordJson { NewImage = """{"customerId": {"S": "C-1"}, "version": {"N": "1@@"}}""" }.ToJson(), 0xB9);

        var error = Assert.Throws<DecodingException>(() => Decode(json));

        Assert.Equal($"dynamodb.NewImage.version: N value {NotUnicode}", error.Message);
    }

    [Theory]
    [InlineData("eventID")]
    [InlineData("eventName")]
    [InlineData("eventSourceARN")]
    public void A_record_field_that_is_not_UTF8_is_a_decoding_error_naming_the_field(string field)
    {
        var record = field switch
        {
            "eventID" => new StreamRecordJson { EventId = "evt-@@" },
            "eventName" => new StreamRecordJson { EventName = "MODIFY@@" },
            _ => new StreamRecordJson { SourceArn = "arn:aws:dynamodb:eu-west-1:1:table/Cust@@omers/stream/x" },
        };

        var error = Assert.Throws<DecodingException>(() => Decode(WithBytes(record.ToJson(), 0xC3)));

        Assert.Equal($"{field} {NotUnicode}", error.Message);
    }

    [Fact]
    public void The_identity_of_a_record_whose_eventID_is_not_UTF8_is_its_sequence_number()
    {
        var json = WithBytes(new StreamRecordJson { EventId = "evt-@@", SequenceNumber = "123" }.ToJson(), 0xC3);

        var identity = RecordIdentity.Of(json);

        Assert.Equal(new RecordIdentity(null, SequenceNumber.Parse("123")), identity);
    }
}
