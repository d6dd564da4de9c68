using Bus.Contracts.Items;
using Bus.StreamBridge.Decoding;
using Bus.StreamBridge.Tests.Builders;
using Bus.StreamBridge.Translation;

namespace Bus.StreamBridge.Tests.Translation;

public class ItemChangedTranslatorTests
{
    private static readonly ItemChangedTranslator Translator = new();

    private static readonly AttributeMap Keys = Attr.Item(("pk", Attr.S("ITEM#1")));

    private static readonly AttributeMap Before = Attr.Item(
        ("pk", Attr.S("ITEM#1")),
        ("price", Attr.N("1.50")),
        ("tags", Attr.SS("a", "b")),
        ("meta", Attr.M(("x", Attr.N("1")), ("y", Attr.N("2")))),
        ("gone", Attr.Bool(true)));

    [Fact]
    public void An_insert_carries_the_new_image_as_plain_json_and_all_its_attributes()
    {
        var input = Changes.Insert(Attr.Item(("pk", Attr.S("ITEM#1")), ("n", Attr.N("12345678901234567890123456789012345678"))), Keys);

        var changed = Assert.IsType<ItemChanged>(Assert.Single(Changes.Run(Translator, input)));

        Assert.Same(input.Metadata, changed.Change);
        Assert.Equal("Customers", changed.TableName);
        Assert.Equal("""{"pk":"ITEM#1"}""", changed.Keys);
        Assert.Null(changed.OldImage);
        Assert.Equal("""{"pk":"ITEM#1","n":12345678901234567890123456789012345678}""", changed.NewImage);
        Assert.Equal(["pk", "n"], changed.ChangedAttributes);
        Assert.False(changed.ExpiredByTtl);
    }

    [Fact]
    public void A_modify_lists_changed_added_and_removed_attributes()
    {
        var after = Before.Without("gone").With("tags", Attr.SS("a", "c")).With("added", Attr.S("new"));

        var changed = Assert.IsType<ItemChanged>(Assert.Single(Changes.Run(Translator, Changes.Modify(Before, after, Keys))));

        Assert.Equal(["tags", "added", "gone"], changed.ChangedAttributes);
        Assert.Equal("""{"pk":"ITEM#1","price":1.50,"tags":["a","b"],"meta":{"x":1,"y":2},"gone":true}""", changed.OldImage);
    }

    [Fact]
    public void Reordered_sets_and_maps_and_rewritten_numbers_are_not_changes()
    {
        var after = Attr.Item(
            ("gone", Attr.Bool(true)),
            ("meta", Attr.M(("y", Attr.N("2")), ("x", Attr.N("1.0")))),
            ("tags", Attr.SS("b", "a")),
            ("price", Attr.N("15E-1")),
            ("pk", Attr.S("ITEM#1")));

        var changed = Assert.IsType<ItemChanged>(Assert.Single(Changes.Run(Translator, Changes.Modify(Before, after, Keys))));

        Assert.Empty(changed.ChangedAttributes);
    }

    [Fact]
    public void A_ttl_remove_is_marked_and_lists_the_old_attributes()
    {
        var changed = Assert.IsType<ItemChanged>(Assert.Single(Changes.Run(Translator, Changes.Remove(Before, Keys, ttl: true))));

        Assert.True(changed.ExpiredByTtl);
        Assert.Null(changed.NewImage);
        Assert.Equal(["pk", "price", "tags", "meta", "gone"], changed.ChangedAttributes);
    }

    [Fact]
    public void A_keys_only_change_has_no_images_and_no_changed_attributes()
    {
        var changed = Assert.IsType<ItemChanged>(Assert.Single(Changes.Run(Translator, Changes.Remove(null, Keys))));

        Assert.Null(changed.OldImage);
        Assert.Null(changed.NewImage);
        Assert.Empty(changed.ChangedAttributes);
    }

    [Fact]
    public void The_generic_translator_needs_no_images()
    {
        Assert.Equal(TranslatorRequirements.None, Translator.Requirements);
    }
}
