using Bus.StreamBridge.Decoding;
using Bus.StreamBridge.Tests.Builders;

namespace Bus.StreamBridge.Tests.Decoding;

public class PlainJsonWriterTests
{
    [Fact]
    public void Every_attribute_type_is_written_as_plain_json()
    {
        var image = Json.Map("""
            {"s": {"S": "Zoë 日本"}, "n": {"N": "12345678901234567890123456789012345678"}, "b": {"B": "AAEC/w=="},
             "ss": {"SS": ["x", "y"]}, "ns": {"NS": ["1.50", "-2"]}, "bs": {"BS": ["AQ=="]},
             "m": {"M": {"k": {"BOOL": true}}}, "l": {"L": [{"NULL": true}, {"N": "1E-130"}]},
             "nothing": {"NULL": true}, "no": {"BOOL": false}}
            """);

        var json = PlainJsonWriter.ToJson(image);

        Assert.Equal(
            """{"s":"Zoë 日本","n":12345678901234567890123456789012345678,"b":"AAEC/w==","ss":["x","y"],"ns":[1.50,-2],"bs":["AQ=="],"m":{"k":true},"l":[null,1E-130],"nothing":null,"no":false}""",
            json);
    }

    [Fact]
    public void An_emoji_round_trips_through_the_written_json()
    {
        var image = Attr.Item(("s", Attr.S("launch 🚀")));

        using var document = System.Text.Json.JsonDocument.Parse(PlainJsonWriter.ToJson(image));

        Assert.Equal("launch 🚀", document.RootElement.GetProperty("s").GetString());
    }

    [Fact]
    public void Quotes_and_control_characters_are_escaped()
    {
        var image = Attr.Item(("s", Attr.S("a\"b\\c\nd")));

        Assert.Equal("""{"s":"a\"b\\c\nd"}""", PlainJsonWriter.ToJson(image));
    }

    [Fact]
    public void Number_text_that_is_not_json_is_written_in_scientific_form()
    {
        var image = Attr.Item(("n", Attr.N("+.50")));

        Assert.Equal("""{"n":5E-1}""", PlainJsonWriter.ToJson(image));
    }

    [Fact]
    public void An_empty_image_is_an_empty_object()
    {
        Assert.Equal("{}", PlainJsonWriter.ToJson(AttributeMap.Empty));
    }
}
