using Bus.Contracts;
using Bus.StreamBridge.Configuration;
using Bus.StreamBridge.Decoding;
using Bus.StreamBridge.Records;
using Bus.StreamBridge.Routing;
using Bus.StreamBridge.Tests.Builders;
using Bus.StreamBridge.Translation;
using Microsoft.Extensions.Options;

namespace Bus.StreamBridge.Tests.Routing;

public class TableRouterTests
{
    private static readonly TableRouter Router = new(
        Options.Create(new BridgeOptions
        {
            Tables =
            {
                ["Customers"] = new TableOptions { Translator = "Customers", StreamViewType = "NEW_AND_OLD_IMAGES", Enrichment = EnrichmentMode.GetItem },
                ["Orders"] = new TableOptions { Translator = "Orders", VersionAttribute = "rev", PublishItemChanged = true },
                ["Audit"] = new TableOptions { PublishItemChanged = true },
                ["App"] = new TableOptions
                {
                    Routes =
                    {
                        new RouteOptions { Translator = "Customers", KeyAttribute = "pk", KeyPrefix = "CUSTOMER#" },
                        new RouteOptions { Translator = "Orders", KeyAttribute = "pk", KeyPrefix = "ORDER#" },
                        new RouteOptions { Translator = "Inventory", EntityTypeAttribute = "entityType", EntityType = "Product" },
                        new RouteOptions { Translator = "ItemChanged", KeyAttribute = "pk", KeyPrefix = "C" },
                    },
                },
            },
        }),
        [new CustomersTranslator(), new OrdersTranslator(), new InventoryTranslator(), new ItemChangedTranslator()]);

    [Fact]
    public void A_table_is_routed_by_name_to_its_translator()
    {
        var (table, translator) = Router.Resolve(ChangeRecords.Change("Customers", Key("customerId", "C-1")));

        Assert.Equal("Customers", table!.TableName);
        Assert.IsType<CustomersTranslator>(translator);
    }

    [Fact]
    public void The_table_route_carries_its_configuration()
    {
        var (customers, _) = Router.Resolve(ChangeRecords.Change("Customers", Key("customerId", "C-1")));
        var (orders, _) = Router.Resolve(ChangeRecords.Change("Orders", Key("orderId", "O-1")));

        Assert.Equal((StreamViewType?)StreamViewType.NewAndOldImages, customers!.DeclaredViewType);
        Assert.Equal(EnrichmentMode.GetItem, customers.Enrichment);
        Assert.Equal("version", customers.VersionAttribute);
        Assert.Equal("rev", orders!.VersionAttribute);
        Assert.True(orders.PublishItemChanged);
        Assert.Null(orders.DeclaredViewType);
    }

    [Fact]
    public void An_unconfigured_table_is_unrouted()
    {
        Assert.Equal((null, null), Router.Resolve(ChangeRecords.Change("Invoices", Key("id", "1"))));
    }

    [Fact]
    public void Table_names_are_case_sensitive()
    {
        Assert.Equal((null, null), Router.Resolve(ChangeRecords.Change("customers", Key("customerId", "C-1"))));
    }

    [Fact]
    public void A_generic_only_table_resolves_without_a_translator()
    {
        var (table, translator) = Router.Resolve(ChangeRecords.Change("Audit", Key("id", "1")));

        Assert.Equal("Audit", table!.TableName);
        Assert.Null(translator);
    }

    [Theory]
    [InlineData("CUSTOMER#1", typeof(CustomersTranslator))]
    [InlineData("ORDER#7", typeof(OrdersTranslator))]
    public void A_single_table_item_is_routed_by_key_prefix(string pk, Type expected)
    {
        var (_, translator) = Router.Resolve(ChangeRecords.Change("App", Key("pk", pk)));

        Assert.IsType(expected, translator);
    }

    [Fact]
    public void The_first_matching_route_wins()
    {
        var (_, translator) = Router.Resolve(ChangeRecords.Change("App", Key("pk", "CUSTOMER#1")));

        Assert.IsNotType<ItemChangedTranslator>(translator);
    }

    [Fact]
    public void A_key_prefix_is_case_sensitive()
    {
        var (table, translator) = Router.Resolve(ChangeRecords.Change("App", Key("pk", "order#7")));

        Assert.Equal("App", table!.TableName);
        Assert.Null(translator);
    }

    [Fact]
    public void A_number_key_never_matches_a_prefix()
    {
        var (_, translator) = Router.Resolve(ChangeRecords.Change("App", Attr.Item(("pk", Attr.N("1")))));

        Assert.Null(translator);
    }

    [Fact]
    public void A_single_table_item_is_routed_by_entity_type_in_the_new_image()
    {
        var image = Attr.Item(("pk", Attr.S("P#1")), ("entityType", Attr.S("Product")));

        var (_, translator) = Router.Resolve(ChangeRecords.Change("App", Key("pk", "P#1"), newImage: image));

        Assert.IsType<InventoryTranslator>(translator);
    }

    [Fact]
    public void A_removed_item_is_routed_by_entity_type_in_the_old_image()
    {
        var image = Attr.Item(("pk", Attr.S("P#1")), ("entityType", Attr.S("Product")));

        var (_, translator) = Router.Resolve(ChangeRecords.Change("App", Key("pk", "P#1"), oldImage: image, kind: ChangeKind.Remove));

        Assert.IsType<InventoryTranslator>(translator);
    }

    [Fact]
    public void An_item_matching_no_route_resolves_the_table_without_a_translator()
    {
        var image = Attr.Item(("pk", Attr.S("X#1")), ("entityType", Attr.S("Invoice")));

        var (table, translator) = Router.Resolve(ChangeRecords.Change("App", Key("pk", "X#1"), newImage: image));

        Assert.Equal("App", table!.TableName);
        Assert.Null(translator);
    }

    [Fact]
    public void A_keys_only_item_cannot_match_an_entity_type_route()
    {
        var (_, translator) = Router.Resolve(ChangeRecords.Change("App", Key("pk", "P#1"), viewType: StreamViewType.KeysOnly));

        Assert.Null(translator);
    }

    [Fact]
    public void Every_configured_table_is_listed()
    {
        Assert.Equal(["App", "Audit", "Customers", "Orders"], Router.Tables.Select(t => t.TableName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_table_name_setting_routes_that_table_under_its_configuration_key()
    {
        var router = new TableRouter(
            Options.Create(new BridgeOptions { Tables = { ["Customers"] = new TableOptions { Translator = "Customers", TableName = "prod-customers" } } }),
            [new CustomersTranslator()]);

        var (table, translator) = router.Resolve(ChangeRecords.Change("prod-customers", Key("customerId", "C-1")));

        Assert.Equal("prod-customers", table!.TableName);
        Assert.IsType<CustomersTranslator>(translator);
        Assert.Equal((null, null), router.Resolve(ChangeRecords.Change("Customers", Key("customerId", "C-1"))));
    }

    private static AttributeMap Key(string name, string value) => Attr.Item((name, Attr.S(value)));
}
