using Bus.StreamBridge.Decoding;
using Bus.StreamBridge.Tests.Builders;

namespace Bus.StreamBridge.Tests.Decoding;

public class ItemSizeTests
{
    [Fact]
    public void Sizes_follow_DynamoDB_s_rules()
    {
        var item = Attr.Item(
            ("s", Attr.S("Zoë")),                          // 1 + 4
            ("n", Attr.N("-12345.6700")),                  // 1 + (1 + 6 / 2)
            ("b", Attr.B(1, 2, 3)),                        // 1 + 3
            ("t", Attr.Bool(true)),                        // 1 + 1
            ("z", Attr.Null),                              // 1 + 1
            ("ss", Attr.SS("ab", "c")),                    // 2 + 3
            ("m", Attr.M(("k", Attr.S("v")))),             // 1 + 3 + 1 + (1 + 1)
            ("l", Attr.L(Attr.N("7"), Attr.S("xy"))));     // 1 + 3 + 2 + (1 + 0) + 2

        Assert.Equal(5 + 5 + 4 + 2 + 2 + 5 + 7 + 9, ItemSize.Of(item));
    }

    [Fact]
    public void An_image_over_400_KB_is_a_decoding_error()
    {
        var big = new string('x', ItemSize.MaxItemBytes);
        var json = new StreamRecordJson { NewImage = $$$"""{"customerId": {"S": "C-1"}, "blob": {"S": "{{{big}}}"}}""" }.ToJson();

        var error = Assert.Throws<DecodingException>(() => Json.Record(json));

        Assert.Equal("dynamodb.NewImage is 409617 bytes by DynamoDB's size rules; an item holds at most 409600", error.Message);
    }

    [Fact]
    public void An_image_whose_JSON_is_over_400_KB_but_whose_item_is_not_decodes()
    {
        var binary = Convert.ToBase64String(new byte[300 * 1024]);
        var json = new StreamRecordJson { OldImage = $$$"""{"customerId": {"S": "C-1"}, "blob": {"B": "{{{binary}}}"}}""" }.ToJson();

        var record = Json.Record(json);

        Assert.Equal(300 * 1024, record.OldImage!["blob"].AsBinary().Length);
    }
}
