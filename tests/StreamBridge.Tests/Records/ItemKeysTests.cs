using Bus.StreamBridge.Records;
using Bus.StreamBridge.Tests.Builders;

namespace Bus.StreamBridge.Tests.Records;

public class ItemKeysTests
{
    [Fact]
    public void A_single_key_renders_as_name_equals_value()
    {
        Assert.Equal("customerId=C-1", ItemKeys.Render(Attr.Item(("customerId", Attr.S("C-1")))));
    }

    [Fact]
    public void Composite_keys_are_ordered_by_name_whatever_the_record_order()
    {
        var keys = Attr.Item(("sk", Attr.S("LINE#2")), ("pk", Attr.S("ORDER#1")));

        Assert.Equal("pk=ORDER#1|sk=LINE#2", ItemKeys.Render(keys));
    }

    [Fact]
    public void Number_keys_keep_their_text_and_binary_keys_are_base64()
    {
        var keys = Attr.Item(("n", Attr.N("007")), ("b", Attr.B(1, 2)));

        Assert.Equal("b=AQI\\=|n=007", ItemKeys.Render(keys));
    }

    [Fact]
    public void Separators_inside_values_are_escaped_so_different_keys_never_render_alike()
    {
        var first = Attr.Item(("pk", Attr.S("A|sk=B")), ("sk", Attr.S("C")));
        var second = Attr.Item(("pk", Attr.S("A")), ("sk", Attr.S("B|sk=C")));

        Assert.Equal(@"pk=A\|sk\=B|sk=C", ItemKeys.Render(first));
        Assert.NotEqual(ItemKeys.Render(first), ItemKeys.Render(second));
    }
}
