using Amazon.DynamoDBv2.Model;
using Bus.StreamBridge.Decoding;
using Bus.StreamBridge.Enrichment;
using Bus.StreamBridge.Tests.Builders;

namespace Bus.StreamBridge.Tests.Decoding;

/// <summary>GetItem enrichment converts the SDK's attribute values; the result must equal what the stream decodes.</summary>
public class SdkAttributeValuesTests
{
    [Fact]
    public void Every_attribute_type_survives_a_round_trip_through_the_sdk_model()
    {
        var image = Fixture.Record("every-attribute-type.json").NewImage!;

        var back = SdkAttributeValues.FromSdk(SdkAttributeValues.ToSdk(image));

        Assert.Equal(image, back);
        Assert.Equal("12345678901234567890123456789012345678", back["n"].AsNumber().Text);
    }

    [Fact]
    public void An_sdk_number_outside_DynamoDB_rules_names_its_path()
    {
        var item = new Dictionary<string, AttributeValue>
        {
            ["address"] = new() { M = new Dictionary<string, AttributeValue> { ["zip"] = new() { N = "1e" } } },
        };

        var error = Assert.Throws<DecodingException>(() => SdkAttributeValues.FromSdk(item));

        Assert.Equal("address.zip: number has an exponent without digits", error.Message);
    }

    [Fact]
    public void An_sdk_value_without_a_type_is_rejected()
    {
        var item = new Dictionary<string, AttributeValue> { ["x"] = new() };

        var error = Assert.Throws<DecodingException>(() => SdkAttributeValues.FromSdk(item));

        Assert.Equal("x: attribute value has no type", error.Message);
    }
}
