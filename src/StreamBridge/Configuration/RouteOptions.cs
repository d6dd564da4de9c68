namespace Bus.StreamBridge.Configuration;

/// <summary>
/// One entity of a single-table design: items whose key attribute starts with <see cref="KeyPrefix"/>, or whose
/// entity-type attribute equals <see cref="EntityType"/>, go to <see cref="Translator"/>.
/// </summary>
public sealed class RouteOptions
{
    /// <summary>Translator name: <c>Customers</c>, <c>Orders</c>, <c>Inventory</c> or <c>ItemChanged</c>.</summary>
    public string? Translator { get; set; }

    /// <summary>Key attribute tested for <see cref="KeyPrefix"/> (e.g. <c>pk</c>).</summary>
    public string? KeyAttribute { get; set; }

    /// <summary>Prefix of the key attribute's S value (e.g. <c>CUSTOMER#</c>).</summary>
    public string? KeyPrefix { get; set; }

    /// <summary>Attribute holding the entity type (e.g. <c>entityType</c>), read from the new image, else the old.</summary>
    public string? EntityTypeAttribute { get; set; }

    /// <summary>The entity type value (e.g. <c>Customer</c>).</summary>
    public string? EntityType { get; set; }
}
