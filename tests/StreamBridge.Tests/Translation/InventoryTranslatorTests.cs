using Bus.Contracts.Inventory;
using Bus.StreamBridge.Decoding;
using Bus.StreamBridge.Tests.Builders;
using Bus.StreamBridge.Translation;

namespace Bus.StreamBridge.Tests.Translation;

public class InventoryTranslatorTests
{
    private static readonly InventoryTranslator Translator = new();

    private static readonly AttributeMap Product = Attr.Item(
        ("productId", Attr.S("P-1")),
        ("sku", Attr.S("SKU-RED-MUG")),
        ("name", Attr.S("Red mug")),
        ("quantity", Attr.N("10")),
        ("reorderThreshold", Attr.N("5")),
        ("lastModifiedBy", Attr.S("warehouse-7")));

    [Fact]
    public void An_insert_counts_stock_from_zero()
    {
        var input = Changes.Insert(Product);

        var events = Changes.Run(Translator, input);

        var expected = new StockLevelChanged
        {
            Change = input.Metadata, ProductId = "P-1", Sku = "SKU-RED-MUG", PreviousQuantity = 0, Quantity = 10, ReorderThreshold = 5,
        };
        Assert.Equal(expected, Assert.Single(events));
    }

    [Fact]
    public void An_insert_with_zero_stock_produces_nothing()
    {
        Assert.Empty(Changes.Run(Translator, Changes.Insert(Product.With("quantity", Attr.N("0")))));
    }

    [Fact]
    public void An_insert_below_the_threshold_is_not_a_crossing()
    {
        var events = Changes.Run(Translator, Changes.Insert(Product.With("quantity", Attr.N("3"))));

        Assert.IsType<StockLevelChanged>(Assert.Single(events));
    }

    [Fact]
    public void A_drop_that_stays_above_the_threshold_only_changes_the_stock_level()
    {
        var events = Changes.Run(Translator, Changes.Modify(Product, Product.With("quantity", Attr.N("6"))));

        var changed = Assert.IsType<StockLevelChanged>(Assert.Single(events));
        Assert.Equal(10, changed.PreviousQuantity);
        Assert.Equal(6, changed.Quantity);
    }

    [Fact]
    public void A_drop_to_the_threshold_detects_low_stock_with_the_reorder_quantity()
    {
        var input = Changes.Modify(Product, Product.With("quantity", Attr.N("5")).With("reorderQuantity", Attr.N("40")));

        var events = Changes.Run(Translator, input);

        Assert.Equal(2, events.Count);
        var expected = new LowStockDetected
        {
            Change = input.Metadata,
            ProductId = "P-1",
            Sku = "SKU-RED-MUG",
            Name = "Red mug",
            Quantity = 5,
            ReorderThreshold = 5,
            SuggestedOrderQuantity = 40,
            LastModifiedBy = "warehouse-7",
        };
        Assert.Equal(expected, events[1]);
    }

    [Fact]
    public void Without_a_reorder_quantity_the_suggestion_is_twice_the_threshold_minus_the_stock()
    {
        var events = Changes.Run(Translator, Changes.Modify(Product, Product.With("quantity", Attr.N("3"))));

        Assert.Equal(7, Assert.IsType<LowStockDetected>(events[1]).SuggestedOrderQuantity);
    }

    [Fact]
    public void A_further_drop_below_the_threshold_does_not_detect_low_stock_again()
    {
        var events = Changes.Run(Translator, Changes.Modify(Product.With("quantity", Attr.N("5")), Product.With("quantity", Attr.N("2"))));

        var changed = Assert.IsType<StockLevelChanged>(Assert.Single(events));
        Assert.Equal(5, changed.PreviousQuantity);
        Assert.Equal(2, changed.Quantity);
    }

    [Fact]
    public void The_threshold_of_the_new_image_decides_the_crossing()
    {
        var before = Product.With("reorderThreshold", Attr.N("2"));
        var after = Product.With("quantity", Attr.N("7")).With("reorderThreshold", Attr.N("8"));

        var events = Changes.Run(Translator, Changes.Modify(before, after));

        var low = Assert.IsType<LowStockDetected>(events[1]);
        Assert.Equal(8, low.ReorderThreshold);
        Assert.Equal(9, low.SuggestedOrderQuantity);
    }

    [Fact]
    public void A_lowered_threshold_in_the_new_image_prevents_a_crossing()
    {
        var before = Product.With("reorderThreshold", Attr.N("20"));
        var after = Product.With("quantity", Attr.N("6"));

        var events = Changes.Run(Translator, Changes.Modify(before, after));

        Assert.IsType<StockLevelChanged>(Assert.Single(events));
    }

    [Fact]
    public void Without_a_threshold_no_low_stock_is_detected()
    {
        var events = Changes.Run(Translator, Changes.Modify(Product.Without("reorderThreshold"), Product.Without("reorderThreshold").With("quantity", Attr.N("0"))));

        var changed = Assert.IsType<StockLevelChanged>(Assert.Single(events));
        Assert.Null(changed.ReorderThreshold);
    }

    [Fact]
    public void A_restock_is_a_stock_level_change()
    {
        var events = Changes.Run(Translator, Changes.Modify(Product.With("quantity", Attr.N("2")), Product.With("quantity", Attr.N("50"))));

        Assert.Equal(50, Assert.IsType<StockLevelChanged>(Assert.Single(events)).Quantity);
    }

    [Fact]
    public void A_modify_without_a_quantity_change_produces_nothing()
    {
        Assert.Empty(Changes.Run(Translator, Changes.Modify(Product, Product.With("name", Attr.S("Mug, red")))));
    }

    [Fact]
    public void A_remove_discontinues_the_product_with_sku_and_name_from_the_old_image()
    {
        var input = Changes.Remove(Product, Attr.Item(("productId", Attr.S("P-1"))));

        var events = Changes.Run(Translator, input);

        Assert.Equal(new ProductDiscontinued { Change = input.Metadata, ProductId = "P-1", Sku = "SKU-RED-MUG", Name = "Red mug" }, Assert.Single(events));
    }

    [Fact]
    public void A_keys_only_remove_discontinues_the_product_without_sku_or_name()
    {
        var input = Changes.Remove(null, Attr.Item(("productId", Attr.S("P-2"))));

        var events = Changes.Run(Translator, input);

        Assert.Equal(new ProductDiscontinued { Change = input.Metadata, ProductId = "P-2", Sku = null, Name = null }, Assert.Single(events));
    }

    [Fact]
    public void A_quantity_stored_as_a_string_names_the_attribute()
    {
        var error = Assert.Throws<TranslationException>(() =>
            Changes.Run(Translator, Changes.Modify(Product, Product.With("quantity", Attr.S("9")))));

        Assert.Equal("attribute 'quantity' is S; the table's schema has N", error.Message);
    }

    [Fact]
    public void A_fractional_quantity_is_rejected()
    {
        var error = Assert.Throws<TranslationException>(() =>
            Changes.Run(Translator, Changes.Modify(Product, Product.With("quantity", Attr.N("9.5")))));

        Assert.Equal("attribute 'quantity' is not an integer within the range of Int64", error.Message);
    }

    [Fact]
    public void A_threshold_too_large_to_double_is_a_translation_error_not_a_wrapped_suggestion()
    {
        var input = Changes.Modify(
            Product.With("quantity", Attr.N("6000000000000000000")).With("reorderThreshold", Attr.N("5000000000000000000")),
            Product.With("quantity", Attr.N("0")).With("reorderThreshold", Attr.N("5000000000000000000")));

        var error = Assert.Throws<TranslationException>(() => Changes.Run(Translator, input));

        Assert.Equal("attribute 'reorderThreshold' is too large to suggest an order quantity from", error.Message);
    }
}
