using System.Text.Json;

namespace Bus.Benchmarks.Generation;

/// <summary>An Orders item: key <c>orderId</c>. Shipping attributes appear once the order has shipped.</summary>
internal sealed record Order(
    string OrderId, string CustomerId, string OrderNumber, string Status, string? TrackingNumber, string? Carrier,
    string? EstimatedDelivery, decimal Total, OrderLine[] Items, long Version) : IItemImage
{
    public string Table => "Orders";

    public string Key => OrderId;

    public void WriteKeys(Utf8JsonWriter writer) => Attributes.S(writer, "orderId", OrderId);

    public void WriteImage(Utf8JsonWriter writer)
    {
        Attributes.S(writer, "orderId", OrderId);
        Attributes.S(writer, "customerId", CustomerId);
        Attributes.S(writer, "orderNumber", OrderNumber);
        Attributes.S(writer, "status", Status);
        if (TrackingNumber is not null)
        {
            Attributes.S(writer, "trackingNumber", TrackingNumber);
        }

        if (Carrier is not null)
        {
            Attributes.S(writer, "carrier", Carrier);
        }

        if (EstimatedDelivery is not null)
        {
            Attributes.S(writer, "estimatedDelivery", EstimatedDelivery);
        }

        Attributes.N(writer, "total", Total);
        WriteItems(writer);
        Attributes.N(writer, "version", Version);
    }

    private void WriteItems(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("items");
        writer.WriteStartArray("L");
        foreach (var line in Items)
        {
            writer.WriteStartObject();
            writer.WriteStartObject("M");
            Attributes.S(writer, "sku", line.Sku);
            Attributes.N(writer, "qty", line.Quantity);
            Attributes.N(writer, "price", line.Price);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
