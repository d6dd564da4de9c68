using Bus.StreamBridge.Configuration;
using Bus.StreamBridge.Decoding;
using Bus.StreamBridge.Routing;
using Bus.StreamBridge.Tests.Builders;
using Bus.StreamBridge.Translation;
using Microsoft.Extensions.Options;

namespace Bus.StreamBridge.Tests.Routing;

/// <summary>Configuration binding turns <c>"KeyAttribute": ""</c> into an empty string, not null: a route the
/// validator accepts must route the same way.</summary>
public class RouteBindingTests
{
    private static readonly IChangeTranslator[] Translators = [new CustomersTranslator(), new InventoryTranslator(), new ItemChangedTranslator()];

    [Fact]
    public void An_entity_type_route_with_empty_key_settings_passes_validation()
    {
        var result = new BridgeOptionsValidator(Translators).Validate(null, Options(EntityRouteWithEmptyKeySettings()));

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void An_entity_type_route_with_empty_key_settings_routes_by_entity_type()
    {
        var router = new TableRouter(Microsoft.Extensions.Options.Options.Create(Options(EntityRouteWithEmptyKeySettings())), Translators);
        var image = Attr.Item(("pk", Attr.S("P#1")), ("entityType", Attr.S("Product")));

        var (_, translator) = router.Resolve(ChangeRecords.Change("App", Attr.Item(("pk", Attr.S("P#1"))), newImage: image));

        Assert.IsType<InventoryTranslator>(translator);
    }

    [Fact]
    public void An_entity_type_route_with_a_stray_key_attribute_but_no_prefix_routes_by_entity_type()
    {
        var route = new RouteOptions { Translator = "Inventory", KeyAttribute = "pk", EntityTypeAttribute = "entityType", EntityType = "Product" };
        var options = Options(route);
        var router = new TableRouter(Microsoft.Extensions.Options.Options.Create(options), Translators);
        var image = Attr.Item(("pk", Attr.S("P#1")), ("entityType", Attr.S("Product")));

        var (_, translator) = router.Resolve(ChangeRecords.Change("App", Attr.Item(("pk", Attr.S("P#1"))), newImage: image));

        Assert.True(new BridgeOptionsValidator(Translators).Validate(null, options).Succeeded);
        Assert.IsType<InventoryTranslator>(translator);
    }

    private static RouteOptions EntityRouteWithEmptyKeySettings() => new()
    {
        Translator = "Inventory", KeyAttribute = "", KeyPrefix = "", EntityTypeAttribute = "entityType", EntityType = "Product",
    };

    private static BridgeOptions Options(RouteOptions route) => new() { Tables = { ["App"] = new TableOptions { Routes = { route } } } };
}
