using Bus.StreamBridge.Decoding;
using Bus.StreamBridge.Tests.Builders;

namespace Bus.StreamBridge.Tests.Decoding;

public class AttributeValueReaderTests
{
    [Fact]
    public void A_string_decodes_to_its_text()
    {
        var value = Json.Value("""{"S": "Ada"}""");

        Assert.Equal(AttributeType.S, value.Type);
        Assert.Equal("Ada", value.AsString());
    }

    [Fact]
    public void An_empty_string_is_a_valid_S_value()
    {
        var value = Json.Value("""{"S": ""}""");

        Assert.Equal(string.Empty, value.AsString());
    }

    [Fact]
    public void Unicode_and_emoji_survive_decoding()
    {
        var value = Json.Value("""{"S": "Zoë 🚀 日本語"}""");

        Assert.Equal("Zoë 🚀 日本語", value.AsString());
    }

    [Fact]
    public void Escaped_characters_are_unescaped()
    {
        var value = Json.Value("""{"S": "q\" b\\ t\t n\n \u00e9 \ud83d\ude80"}""");

        Assert.Equal("q\" b\\ t\t n\n é 🚀", value.AsString());
    }

    [Fact]
    public void A_number_keeps_its_exact_text()
    {
        var value = Json.Value("""{"N": "0.10"}""");

        Assert.Equal(AttributeType.N, value.Type);
        Assert.Equal("0.10", value.AsNumber().Text);
    }

    [Fact]
    public void A_binary_decodes_from_base64()
    {
        var value = Json.Value("""{"B": "AAEC/w=="}""");

        Assert.Equal(new byte[] { 0, 1, 2, 255 }, value.AsBinary());
    }

    [Fact]
    public void A_string_set_keeps_its_elements()
    {
        var value = Json.Value("""{"SS": ["red", "green"]}""");

        Assert.Equal(["red", "green"], value.AsStringSet());
    }

    [Fact]
    public void A_number_set_keeps_each_exact_number()
    {
        var value = Json.Value("""{"NS": ["1.50", "-2", "1E+10"]}""");

        Assert.Equal(["1.50", "-2", "1E+10"], value.AsNumberSet().Select(n => n.Text));
    }

    [Fact]
    public void A_binary_set_decodes_each_element()
    {
        var value = Json.Value("""{"BS": ["AQ==", "AgM="]}""");

        Assert.Equal([[1], [2, 3]], value.AsBinarySet());
    }

    [Fact]
    public void A_map_keeps_its_attributes_in_order()
    {
        var value = Json.Value("""{"M": {"city": {"S": "Paris"}, "zip": {"N": "75004"}}}""");

        var map = value.AsMap();
        Assert.Equal(["city", "zip"], map.Names.ToArray());
        Assert.Equal("Paris", map["city"].AsString());
        Assert.Equal("75004", map["zip"].AsNumber().Text);
    }

    [Fact]
    public void A_list_keeps_mixed_element_types_in_order()
    {
        var value = Json.Value("""{"L": [{"S": "a"}, {"N": "1"}, {"BOOL": false}, {"NULL": true}]}""");

        Assert.Equal([AttributeType.S, AttributeType.N, AttributeType.BOOL, AttributeType.NULL], value.AsList().Select(v => v.Type));
    }

    [Fact]
    public void Empty_lists_and_maps_are_valid()
    {
        var map = Json.Map("""{"l": {"L": []}, "m": {"M": {}}}""");

        Assert.Empty(map["l"].AsList());
        Assert.Empty(map["m"].AsMap());
    }

    [Fact]
    public void Null_true_decodes_to_the_null_value()
    {
        var value = Json.Value("""{"NULL": true}""");

        Assert.Equal(DynamoValue.Null, value);
        Assert.Equal(AttributeType.NULL, value.Type);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public void A_boolean_decodes_to_its_value(string json, bool expected)
    {
        var value = Json.Value($$"""{"BOOL": {{json}}}""");

        Assert.Equal(expected, value.AsBool());
    }

    [Fact]
    public void Maps_and_lists_nest_several_levels_deep()
    {
        var map = Json.Map("""{"a": {"M": {"b": {"L": [{"M": {"c": {"L": [{"N": "42"}]}}}]}}}}""");

        var deepest = map["a"].AsMap()["b"].AsList()[0].AsMap()["c"].AsList()[0];
        Assert.Equal("42", deepest.AsNumber().Text);
    }

    [Fact]
    public void Thirty_two_levels_of_nesting_are_accepted()
    {
        var json = Nested(32);

        var map = Json.Map(json);

        Assert.Equal(32, Depth(map["a"]));
    }

    [Fact]
    public void Thirty_three_levels_of_nesting_fail_with_the_path()
    {
        var json = Nested(33);

        var error = Assert.Throws<DecodingException>(() => Json.Map(json));

        Assert.Equal("value is nested deeper than DynamoDB's 32 levels", error.Reason);
        Assert.Equal("a" + string.Concat(Enumerable.Repeat(".a", 32)), error.Path);
    }

    [Fact]
    public void Thirty_three_levels_of_lists_fail_with_indexes_in_the_path()
    {
        var json = """{"x": """ + string.Concat(Enumerable.Repeat("""{"L": [""", 33)) + """{"S": "v"}""" +
            string.Concat(Enumerable.Repeat("]}", 33)) + "}";

        var error = Assert.Throws<DecodingException>(() => Json.Map(json));

        Assert.Equal("x" + string.Concat(Enumerable.Repeat("[0]", 32)), error.Path);
    }

    [Fact]
    public void An_empty_string_set_is_rejected()
    {
        var error = Assert.Throws<DecodingException>(() => Json.Map("""{"tags": {"SS": []}}"""));

        Assert.Equal("tags: set is empty", error.Message);
    }

    [Theory]
    [InlineData("NS")]
    [InlineData("BS")]
    public void Every_empty_set_type_is_rejected(string type)
    {
        var error = Assert.Throws<DecodingException>(() => Json.Map($$$"""{"s": {"{{{type}}}": []}}"""));

        Assert.Equal("set is empty", error.Reason);
    }

    [Fact]
    public void Invalid_base64_is_rejected()
    {
        var error = Assert.Throws<DecodingException>(() => Json.Map("""{"blob": {"B": "not base64!"}}"""));

        Assert.Equal("blob: B value is not valid base64", error.Message);
    }

    [Fact]
    public void Invalid_base64_inside_a_binary_set_names_the_element()
    {
        var error = Assert.Throws<DecodingException>(() => Json.Map("""{"blobs": {"BS": ["AQ==", "%%"]}}"""));

        Assert.Equal("blobs[1]: B value is not valid base64", error.Message);
    }

    [Fact]
    public void Null_false_is_rejected()
    {
        var error = Assert.Throws<DecodingException>(() => Json.Map("""{"gone": {"NULL": false}}"""));

        Assert.Equal("gone: NULL must be true, found a boolean", error.Message);
    }

    [Fact]
    public void A_number_sent_as_a_json_number_is_rejected()
    {
        var error = Assert.Throws<DecodingException>(() => Json.Map("""{"qty": {"N": 5}}"""));

        Assert.Equal("qty: N value must be a JSON string of digits, found a number", error.Message);
    }

    [Fact]
    public void A_boolean_sent_as_a_string_is_rejected()
    {
        var error = Assert.Throws<DecodingException>(() => Json.Map("""{"flag": {"BOOL": "true"}}"""));

        Assert.Equal("flag: BOOL must be true or false, found a string", error.Message);
    }

    [Fact]
    public void An_unknown_type_tag_is_rejected()
    {
        var error = Assert.Throws<DecodingException>(() => Json.Map("""{"x": {"Q": "1"}}"""));

        Assert.Equal("x: unknown attribute type 'Q'", error.Message);
    }

    [Fact]
    public void A_value_with_two_type_tags_is_rejected()
    {
        var error = Assert.Throws<DecodingException>(() => Json.Map("""{"x": {"S": "a", "N": "1"}}"""));

        Assert.Equal("x: attribute value has more than one type", error.Message);
    }

    [Fact]
    public void A_value_without_a_type_tag_is_rejected()
    {
        var error = Assert.Throws<DecodingException>(() => Json.Map("""{"x": {}}"""));

        Assert.Equal("x: attribute value has no type", error.Message);
    }

    [Fact]
    public void A_duplicated_attribute_is_rejected()
    {
        var error = Assert.Throws<DecodingException>(() => Json.Map("""{"x": {"S": "a"}, "x": {"S": "b"}}"""));

        Assert.Equal("x: attribute appears twice", error.Message);
    }

    [Fact]
    public void Invalid_json_names_the_byte_position()
    {
        var error = Assert.Throws<DecodingException>(() => Json.Map("""{"x": {"S": "a"} """));

        Assert.StartsWith("invalid JSON at byte ", error.Message, StringComparison.Ordinal);
    }

    private static string Nested(int levels) =>
        """{"a": """ + string.Concat(Enumerable.Repeat("""{"M": {"a": """, levels)) + """{"S": "leaf"}""" +
        string.Concat(Enumerable.Repeat("}}", levels)) + "}";

    private static int Depth(DynamoValue value)
    {
        var depth = 0;
        while (value.Type == AttributeType.M)
        {
            value = value.AsMap()["a"];
            depth++;
        }

        return depth;
    }

    [Theory]
    [InlineData("""{"SS": ["a", "b", "a"]}""", "s[2]: set holds an element twice")]
    [InlineData("""{"NS": ["1", "2", "1.0"]}""", "s[2]: set holds an element twice")]
    [InlineData("""{"NS": ["1E+2", "100"]}""", "s[1]: set holds an element twice")]
    [InlineData("""{"BS": ["AQ==", "AQ=="]}""", "s[1]: set holds an element twice")]
    public void A_set_holding_an_element_twice_is_rejected(string valueJson, string message)
    {
        var error = Assert.Throws<DecodingException>(() => Json.Map($$"""{"s": {{valueJson}}}"""));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void A_large_set_holding_an_element_twice_is_rejected()
    {
        var elements = string.Join(", ", Enumerable.Range(0, 40).Select(i => $"\"{i}\"").Append("\"7\""));

        var error = Assert.Throws<DecodingException>(() => Json.Map($$$"""{"s": {"SS": [{{{elements}}}]}}"""));

        Assert.Equal("s[40]: set holds an element twice", error.Message);
    }

    [Fact]
    public void An_escaped_type_tag_is_the_same_type()
    {
        Assert.Equal(Attr.S("x"), Json.Value("""{"\u0053": "x"}"""));
    }
}
