namespace Bus.Consumers.Shipping.Gateway;

/// <summary>The external shipping system: its configuration name (<c>ExternalSystems:ShippingSystem</c>) and request paths.</summary>
public static class ShippingSystem
{
    public const string Name = "ShippingSystem";
    public const string AddressesPath = "/addresses";
    public const string ShipmentsPath = "/shipments";
    public const string CancelShipmentPath = "/shipments/cancel";
}
