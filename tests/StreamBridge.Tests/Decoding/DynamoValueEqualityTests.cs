using Bus.StreamBridge.Decoding;
using Bus.StreamBridge.Tests.Builders;

namespace Bus.StreamBridge.Tests.Decoding;

public class DynamoValueEqualityTests
{
    [Fact]
    public void String_sets_are_equal_in_any_order()
    {
        Assert.Equal(Attr.SS("a", "b", "c"), Attr.SS("c", "a", "b"));
    }

    [Fact]
    public void Number_sets_compare_elements_numerically_in_any_order()
    {
        Assert.Equal(Attr.NS("1.50", "2"), Attr.NS("2.0", "15E-1"));
    }

    [Fact]
    public void Binary_sets_are_equal_in_any_order()
    {
        Assert.Equal(Attr.BS([1], [2, 3]), Attr.BS([2, 3], [1]));
    }

    [Fact]
    public void Sets_with_different_elements_differ()
    {
        Assert.NotEqual(Attr.SS("a", "b"), Attr.SS("a", "c"));
    }

    [Fact]
    public void Maps_are_equal_regardless_of_attribute_order()
    {
        var left = Attr.M(("city", Attr.S("Paris")), ("zip", Attr.S("75004")));
        var right = Attr.M(("zip", Attr.S("75004")), ("city", Attr.S("Paris")));

        Assert.Equal(left, right);
    }

    [Fact]
    public void Maps_with_an_extra_attribute_differ()
    {
        var left = Attr.M(("city", Attr.S("Paris")));
        var right = Attr.M(("city", Attr.S("Paris")), ("zip", Attr.S("75004")));

        Assert.NotEqual(left, right);
    }

    [Fact]
    public void Lists_are_order_sensitive()
    {
        Assert.NotEqual(Attr.L(Attr.S("a"), Attr.S("b")), Attr.L(Attr.S("b"), Attr.S("a")));
    }

    [Fact]
    public void Nested_values_compare_deeply()
    {
        var left = Attr.M(("lines", Attr.L(Attr.M(("qty", Attr.N("2")), ("sku", Attr.S("X"))))));
        var right = Attr.M(("lines", Attr.L(Attr.M(("sku", Attr.S("X")), ("qty", Attr.N("2.0"))))));

        Assert.Equal(left, right);
    }

    [Fact]
    public void Binaries_compare_by_content()
    {
        Assert.Equal(Attr.B(1, 2, 3), Attr.B(1, 2, 3));
        Assert.NotEqual(Attr.B(1, 2, 3), Attr.B(1, 2, 4));
    }

    [Fact]
    public void A_number_and_the_string_of_its_digits_differ()
    {
        Assert.NotEqual(Attr.N("1"), Attr.S("1"));
    }

    [Fact]
    public void Reading_a_value_as_another_type_throws()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Attr.S("x").AsNumber());

        Assert.Equal("attribute is of type S, not N", error.Message);
    }

    [Fact]
    public void AttributeMap_Create_rejects_duplicate_names()
    {
        var attributes = new[] { KeyValuePair.Create("a", Attr.S("1")), KeyValuePair.Create("a", Attr.S("2")) };

        var error = Assert.Throws<ArgumentException>(() => AttributeMap.Create(attributes));

        Assert.StartsWith("attribute 'a' appears twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AttributeMap_indexer_names_a_missing_attribute()
    {
        var error = Assert.Throws<KeyNotFoundException>(() => Attr.Item(("a", Attr.S("1")))["b"]);

        Assert.Equal("attribute 'b' is missing", error.Message);
    }
}
