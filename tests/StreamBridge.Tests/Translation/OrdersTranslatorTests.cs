using Bus.Contracts.Orders;
using Bus.StreamBridge.Decoding;
using Bus.StreamBridge.Tests.Builders;
using Bus.StreamBridge.Translation;

namespace Bus.StreamBridge.Tests.Translation;

public class OrdersTranslatorTests
{
    private static readonly OrdersTranslator Translator = new();

    private static readonly AttributeMap Order = Attr.Item(
        ("orderId", Attr.S("O-5001")),
        ("customerId", Attr.S("C-1")),
        ("orderNumber", Attr.S("2026-000123")),
        ("status", Attr.S("PLACED")),
        ("total", Attr.N("49.99")),
        ("items", Attr.L(
            Attr.M(("sku", Attr.S("SKU-RED-MUG")), ("qty", Attr.N("2")), ("price", Attr.N("12.50"))),
            Attr.M(("sku", Attr.S("SKU-TEA-1KG")), ("qty", Attr.N("1")), ("price", Attr.N("24.99"))))),
        ("version", Attr.N("1")));

    [Fact]
    public void An_insert_places_the_order_with_exact_total_and_lines()
    {
        var input = Changes.Insert(Order);

        var placed = Assert.IsType<OrderPlaced>(Assert.Single(Changes.Run(Translator, input)));

        Assert.Same(input.Metadata, placed.Change);
        Assert.Equal("O-5001", placed.OrderId);
        Assert.Equal("C-1", placed.CustomerId);
        Assert.Equal("2026-000123", placed.OrderNumber);
        Assert.Equal("PLACED", placed.Status);
        Assert.Equal(49.99m, placed.Total);
        Assert.Equal(
            [new OrderLine { Sku = "SKU-RED-MUG", Quantity = 2, UnitPrice = 12.50m }, new OrderLine { Sku = "SKU-TEA-1KG", Quantity = 1, UnitPrice = 24.99m }],
            placed.Items);
    }

    [Fact]
    public void A_total_with_28_digits_is_kept_exactly()
    {
        var placed = Assert.IsType<OrderPlaced>(Assert.Single(
            Changes.Run(Translator, Changes.Insert(Order.With("total", Attr.N("12345678901234567890.12345678"))))));

        Assert.Equal("12345678901234567890.12345678", placed.Total.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_price_keeps_its_scale()
    {
        var placed = Assert.IsType<OrderPlaced>(Assert.Single(Changes.Run(Translator, Changes.Insert(Order))));

        Assert.Equal("12.50", placed.Items[0].UnitPrice.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void An_order_without_items_has_no_lines()
    {
        var placed = Assert.IsType<OrderPlaced>(Assert.Single(Changes.Run(Translator, Changes.Insert(Order.Without("items")))));

        Assert.Empty(placed.Items);
    }

    [Fact]
    public void A_total_stored_as_a_string_names_the_attribute()
    {
        var error = Assert.Throws<TranslationException>(() =>
            Changes.Run(Translator, Changes.Insert(Order.With("total", Attr.S("49.99")))));

        Assert.Equal("attribute 'total' is S; the table's schema has N", error.Message);
    }

    [Fact]
    public void A_total_beyond_decimal_precision_is_rejected_not_rounded()
    {
        var error = Assert.Throws<TranslationException>(() =>
            Changes.Run(Translator, Changes.Insert(Order.With("total", Attr.N("0.12345678901234567890123456789")))));

        Assert.Equal("attribute 'total' needs more than the 28 digits of System.Decimal", error.Message);
    }

    [Fact]
    public void A_missing_total_is_named()
    {
        var error = Assert.Throws<TranslationException>(() => Changes.Run(Translator, Changes.Insert(Order.Without("total"))));

        Assert.Equal("required attribute 'total' is missing", error.Message);
    }

    [Fact]
    public void A_missing_status_is_named()
    {
        var error = Assert.Throws<TranslationException>(() => Changes.Run(Translator, Changes.Insert(Order.Without("status"))));

        Assert.Equal("required attribute 'status' is missing", error.Message);
    }

    [Fact]
    public void An_item_that_is_not_a_map_names_its_index()
    {
        var items = Attr.L(Attr.M(("sku", Attr.S("A")), ("qty", Attr.N("1")), ("price", Attr.N("1"))), Attr.S("B"));

        var error = Assert.Throws<TranslationException>(() => Changes.Run(Translator, Changes.Insert(Order.With("items", items))));

        Assert.Equal("items[1] is S; the Orders schema has M", error.Message);
    }

    [Fact]
    public void An_item_without_sku_names_its_index_and_attribute()
    {
        var items = Attr.L(Attr.M(("qty", Attr.N("1")), ("price", Attr.N("1"))));

        var error = Assert.Throws<TranslationException>(() => Changes.Run(Translator, Changes.Insert(Order.With("items", items))));

        Assert.Equal("items[0]: required attribute 'sku' is missing", error.Message);
    }

    [Fact]
    public void An_item_quantity_beyond_Int32_is_rejected()
    {
        var items = Attr.L(Attr.M(("sku", Attr.S("A")), ("qty", Attr.N("2147483648")), ("price", Attr.N("1"))));

        var error = Assert.Throws<TranslationException>(() => Changes.Run(Translator, Changes.Insert(Order.With("items", items))));

        Assert.Equal("items[0].qty is outside the range of Int32", error.Message);
    }

    [Fact]
    public void A_fractional_item_quantity_is_rejected()
    {
        var items = Attr.L(Attr.M(("sku", Attr.S("A")), ("qty", Attr.N("1.5")), ("price", Attr.N("1"))));

        var error = Assert.Throws<TranslationException>(() => Changes.Run(Translator, Changes.Insert(Order.With("items", items))));

        Assert.Equal("items[0]: attribute 'qty' is not an integer within the range of Int64", error.Message);
    }

    [Fact]
    public void A_status_change_raises_OrderStatusChanged()
    {
        var input = Changes.Modify(Order, Order.With("status", Attr.S("PAID")));

        var events = Changes.Run(Translator, input);

        var expected = new OrderStatusChanged
        {
            Change = input.Metadata, OrderId = "O-5001", CustomerId = "C-1", OrderNumber = "2026-000123", PreviousStatus = "PLACED", Status = "PAID",
        };
        Assert.Equal(expected, Assert.Single(events));
    }

    [Fact]
    public void Shipping_raises_OrderShipped_with_tracking_carrier_and_delivery_date()
    {
        var paid = Order.With("status", Attr.S("PAID"));
        var shipped = paid.With("status", Attr.S("SHIPPED"))
            .With("trackingNumber", Attr.S("1Z999AA10123456784"))
            .With("carrier", Attr.S("UPS"))
            .With("estimatedDelivery", Attr.S("2026-11-30"));
        var input = Changes.Modify(paid, shipped);

        var events = Changes.Run(Translator, input);

        Assert.Equal(2, events.Count);
        Assert.Equal("SHIPPED", Assert.IsType<OrderStatusChanged>(events[0]).Status);
        var expected = new OrderShipped
        {
            Change = input.Metadata,
            OrderId = "O-5001",
            CustomerId = "C-1",
            OrderNumber = "2026-000123",
            TrackingNumber = "1Z999AA10123456784",
            Carrier = "UPS",
            EstimatedDelivery = new DateOnly(2026, 11, 30),
        };
        Assert.Equal(expected, events[1]);
    }

    [Fact]
    public void An_estimated_delivery_that_is_not_an_iso_date_is_rejected()
    {
        var shipped = Order.With("status", Attr.S("SHIPPED")).With("estimatedDelivery", Attr.S("30/11/2026"));

        var error = Assert.Throws<TranslationException>(() => Changes.Run(Translator, Changes.Modify(Order, shipped)));

        Assert.Equal("attribute 'estimatedDelivery' is not an ISO 8601 date (yyyy-MM-dd)", error.Message);
    }

    [Fact]
    public void Delivery_raises_OrderDelivered()
    {
        var shipped = Order.With("status", Attr.S("SHIPPED"));
        var input = Changes.Modify(shipped, Order.With("status", Attr.S("DELIVERED")));

        var events = Changes.Run(Translator, input);

        Assert.Equal(2, events.Count);
        Assert.Equal(new OrderDelivered { Change = input.Metadata, OrderId = "O-5001", CustomerId = "C-1", OrderNumber = "2026-000123" }, events[1]);
    }

    [Fact]
    public void Cancellation_raises_OrderCancelled_with_the_previous_status()
    {
        var input = Changes.Modify(Order.With("status", Attr.S("PAID")), Order.With("status", Attr.S("CANCELLED")));

        var events = Changes.Run(Translator, input);

        Assert.Equal(2, events.Count);
        var expected = new OrderCancelled
        {
            Change = input.Metadata, OrderId = "O-5001", CustomerId = "C-1", OrderNumber = "2026-000123", PreviousStatus = "PAID",
        };
        Assert.Equal(expected, events[1]);
    }

    [Fact]
    public void A_modify_without_a_status_change_produces_nothing()
    {
        var events = Changes.Run(Translator, Changes.Modify(Order, Order.With("total", Attr.N("59.99")).With("version", Attr.N("2"))));

        Assert.Empty(events);
    }

    [Fact]
    public void A_remove_produces_nothing()
    {
        var events = Changes.Run(Translator, Changes.Remove(Order, Attr.Item(("orderId", Attr.S("O-5001")))));

        Assert.Empty(events);
    }
}
