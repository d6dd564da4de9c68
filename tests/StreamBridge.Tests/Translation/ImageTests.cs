using Bus.StreamBridge.Decoding;
using Bus.StreamBridge.Tests.Builders;
using Bus.StreamBridge.Translation;

namespace Bus.StreamBridge.Tests.Translation;

public class ImageTests
{
    private static readonly AttributeMap Item = Attr.Item(
        ("s", Attr.S("text")), ("n", Attr.N("42")), ("nothing", Attr.Null), ("date", Attr.S("2026-02-28")), ("badDate", Attr.S("2026-02-30")));

    [Fact]
    public void A_NULL_attribute_reads_as_absent()
    {
        Assert.Null(Image.OptionalString(Item, "nothing"));
        Assert.Null(Image.OptionalInt64(Item, "nothing"));
    }

    [Fact]
    public void An_absent_image_reads_as_absent()
    {
        Assert.Null(Image.OptionalString(null, "s"));
    }

    [Fact]
    public void A_wrong_type_names_the_attribute_and_both_types()
    {
        var error = Assert.Throws<TranslationException>(() => Image.OptionalBool(Item, "n"));

        Assert.Equal("attribute 'n' is N; the table's schema has BOOL", error.Message);
    }

    [Fact]
    public void An_iso_date_is_read_as_DateOnly()
    {
        Assert.Equal(new DateOnly(2026, 2, 28), Image.OptionalDate(Item, "date"));
    }

    [Fact]
    public void An_impossible_date_is_rejected()
    {
        var error = Assert.Throws<TranslationException>(() => Image.OptionalDate(Item, "badDate"));

        Assert.Equal("attribute 'badDate' is not an ISO 8601 date (yyyy-MM-dd)", error.Message);
    }

    [Fact]
    public void RequiredString_prefers_the_image_over_the_keys()
    {
        var keys = Attr.Item(("s", Attr.S("from keys")));

        Assert.Equal("text", Image.RequiredString(Item, keys, "s"));
        Assert.Equal("from keys", Image.RequiredString(null, keys, "s"));
    }

    [Theory]
    [InlineData("n", false)]
    [InlineData("nothing", false)]
    [InlineData("s", true)]
    [InlineData("absent", false)]
    public void Differs_compares_deeply_and_treats_NULL_as_absent(string name, bool differs)
    {
        var other = Attr.Item(("s", Attr.S("other")), ("n", Attr.N("42.0")));

        Assert.Equal(differs, Image.Differs(Item, other, name));
    }

    [Fact]
    public void An_attribute_added_in_the_new_image_differs()
    {
        Assert.True(Image.Differs(AttributeMap.Empty, Item, "s"));
    }
}
