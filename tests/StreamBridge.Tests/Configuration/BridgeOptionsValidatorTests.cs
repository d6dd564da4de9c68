using Bus.StreamBridge.Configuration;
using Bus.StreamBridge.Translation;
using Microsoft.Extensions.Options;

namespace Bus.StreamBridge.Tests.Configuration;

public class BridgeOptionsValidatorTests
{
    private static readonly BridgeOptionsValidator Validator =
        new([new CustomersTranslator(), new OrdersTranslator(), new InventoryTranslator(), new ItemChangedTranslator()]);

    [Fact]
    public void The_shipped_configuration_is_valid()
    {
        var result = Validate(
            ("Customers", new TableOptions { Translator = "Customers" }),
            ("Orders", new TableOptions { Translator = "Orders" }),
            ("Inventory", new TableOptions { Translator = "Inventory" }));

        Assert.True(result.Succeeded);
    }

    [Theory]
    [InlineData("Customers")]
    [InlineData("Orders")]
    [InlineData("Inventory")]
    public void A_new_and_old_images_stream_satisfies_every_translator(string translator)
    {
        var result = Validate((translator, new TableOptions { Translator = translator, StreamViewType = "NEW_AND_OLD_IMAGES" }));

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void An_unknown_translator_is_named_with_the_known_ones()
    {
        var result = Validate(("Customers", new TableOptions { Translator = "Customer" }));

        Assert.Equal(["Bridge:Tables:Customers: unknown translator 'Customer' (known: Customers, Inventory, ItemChanged, Orders)"], result.Failures!);
    }

    [Fact]
    public void A_keys_only_stream_for_Customers_without_enrichment_names_the_view_types_needed()
    {
        var result = Validate(("Customers", new TableOptions { Translator = "Customers", StreamViewType = "KEYS_ONLY" }));

        Assert.Equal(
            [
                "Bridge:Tables:Customers: translator Customers needs stream view type NEW_IMAGE or NEW_AND_OLD_IMAGES for INSERT records, but the stream is KEYS_ONLY (or set Enrichment to GetItem)",
                "Bridge:Tables:Customers: translator Customers needs stream view type NEW_AND_OLD_IMAGES for MODIFY records, but the stream is KEYS_ONLY",
            ],
            result.Failures!);
    }

    [Fact]
    public void A_new_image_stream_with_GetItem_still_fails_for_Customers_because_modify_needs_the_old_image()
    {
        var result = Validate(("Customers", new TableOptions { Translator = "Customers", StreamViewType = "NEW_IMAGE", Enrichment = EnrichmentMode.GetItem }));

        Assert.Equal(
            ["Bridge:Tables:Customers: translator Customers needs stream view type NEW_AND_OLD_IMAGES for MODIFY records, but the stream is NEW_IMAGE"],
            result.Failures!);
    }

    [Fact]
    public void A_keys_only_stream_with_GetItem_still_fails_for_Inventory_modify()
    {
        var result = Validate(("Inventory", new TableOptions { Translator = "Inventory", StreamViewType = "KEYS_ONLY", Enrichment = EnrichmentMode.GetItem }));

        Assert.Equal(
            ["Bridge:Tables:Inventory: translator Inventory needs stream view type NEW_AND_OLD_IMAGES for MODIFY records, but the stream is KEYS_ONLY"],
            result.Failures!);
    }

    [Fact]
    public void An_old_image_stream_with_GetItem_is_accepted_for_Customers()
    {
        var result = Validate(("Customers", new TableOptions { Translator = "Customers", StreamViewType = "OLD_IMAGE", Enrichment = EnrichmentMode.GetItem }));

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void An_old_image_stream_without_enrichment_fails_for_Orders_inserts_and_modifies()
    {
        var result = Validate(("Orders", new TableOptions { Translator = "Orders", StreamViewType = "OLD_IMAGE" }));

        Assert.Equal(
            [
                "Bridge:Tables:Orders: translator Orders needs stream view type NEW_IMAGE or NEW_AND_OLD_IMAGES for INSERT records, but the stream is OLD_IMAGE (or set Enrichment to GetItem)",
                "Bridge:Tables:Orders: translator Orders needs stream view type NEW_AND_OLD_IMAGES for MODIFY records, but the stream is OLD_IMAGE",
            ],
            result.Failures!);
    }

    [Fact]
    public void A_generic_only_table_works_on_a_keys_only_stream()
    {
        var result = Validate(("Audit", new TableOptions { PublishItemChanged = true, StreamViewType = "KEYS_ONLY" }));

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void A_table_without_translator_routes_or_generic_event_is_rejected()
    {
        var result = Validate(("Audit", new TableOptions()));

        Assert.Equal(["Bridge:Tables:Audit: set either Translator or Routes (or only PublishItemChanged for a generic-only table)"], result.Failures!);
    }

    [Fact]
    public void A_table_with_both_translator_and_routes_is_rejected()
    {
        var options = new TableOptions
        {
            Translator = "Customers",
            Routes = { new RouteOptions { Translator = "Orders", KeyAttribute = "pk", KeyPrefix = "ORDER#" } },
        };

        var result = Validate(("App", options));

        Assert.Equal(["Bridge:Tables:App: set either Translator or Routes (or only PublishItemChanged for a generic-only table)"], result.Failures!);
    }

    [Fact]
    public void A_route_needs_a_translator()
    {
        var result = Validate(("App", new TableOptions { Routes = { new RouteOptions { KeyAttribute = "pk", KeyPrefix = "X#" } } }));

        Assert.Equal(["Bridge:Tables:App:Routes:0:Translator is required"], result.Failures!);
    }

    [Theory]
    [InlineData(null, null, null, null)]
    [InlineData("pk", null, null, null)]
    [InlineData(null, null, "entityType", null)]
    [InlineData("pk", "ORDER#", "entityType", "Order")]
    public void A_route_needs_exactly_one_complete_match(string? keyAttribute, string? keyPrefix, string? typeAttribute, string? type)
    {
        var route = new RouteOptions
        {
            Translator = "Orders", KeyAttribute = keyAttribute, KeyPrefix = keyPrefix, EntityTypeAttribute = typeAttribute, EntityType = type,
        };

        var result = Validate(("App", new TableOptions { Routes = { route } }));

        Assert.Equal(["Bridge:Tables:App:Routes:0: set either KeyAttribute and KeyPrefix, or EntityTypeAttribute and EntityType"], result.Failures!);
    }

    [Fact]
    public void Complete_single_table_routes_are_accepted()
    {
        var options = new TableOptions
        {
            StreamViewType = "NEW_AND_OLD_IMAGES",
            Routes =
            {
                new RouteOptions { Translator = "Customers", KeyAttribute = "pk", KeyPrefix = "CUSTOMER#" },
                new RouteOptions { Translator = "Inventory", EntityTypeAttribute = "entityType", EntityType = "Product" },
            },
        };

        Assert.True(Validate(("App", options)).Succeeded);
    }

    [Fact]
    public void A_route_translator_is_checked_against_the_stream_view_type()
    {
        var options = new TableOptions
        {
            StreamViewType = "NEW_IMAGE",
            Routes = { new RouteOptions { Translator = "Orders", KeyAttribute = "pk", KeyPrefix = "ORDER#" } },
        };

        var result = Validate(("App", options));

        Assert.Equal(
            ["Bridge:Tables:App: translator Orders needs stream view type NEW_AND_OLD_IMAGES for MODIFY records, but the stream is NEW_IMAGE"],
            result.Failures!);
    }

    [Fact]
    public void An_unknown_stream_view_type_is_rejected()
    {
        var result = Validate(("Customers", new TableOptions { Translator = "Customers", StreamViewType = "NEW_AND_OLD" }));

        Assert.Equal(["Bridge:Tables:Customers:StreamViewType must be KEYS_ONLY, NEW_IMAGE, OLD_IMAGE or NEW_AND_OLD_IMAGES"], result.Failures!);
    }

    [Fact]
    public void An_empty_version_attribute_is_rejected()
    {
        var result = Validate(("Customers", new TableOptions { Translator = "Customers", VersionAttribute = "" }));

        Assert.Equal(["Bridge:Tables:Customers:VersionAttribute must not be empty"], result.Failures!);
    }

    [Fact]
    public void Two_entries_routing_the_same_table_name_are_rejected()
    {
        var result = Validate(
            ("Customers", new TableOptions { Translator = "Customers", TableName = "prod-customers" }),
            ("prod-customers", new TableOptions { PublishItemChanged = true }));

        Assert.Equal(["Bridge:Tables:prod-customers and Bridge:Tables:Customers both route table 'prod-customers' (check their TableName settings)"], result.Failures!);
    }

    [Fact]
    public void Errors_of_several_tables_are_all_reported()
    {
        var result = Validate(("A", new TableOptions { Translator = "Nope" }), ("B", new TableOptions()));

        Assert.Equal(2, result.Failures!.Count());
    }

    private static ValidateOptionsResult Validate(params (string Table, TableOptions Options)[] tables)
    {
        var options = new BridgeOptions();
        foreach (var (table, config) in tables)
        {
            options.Tables[table] = config;
        }

        return Validator.Validate(null, options);
    }
}
