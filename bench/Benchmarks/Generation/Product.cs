using System.Text.Json;

namespace Bus.Benchmarks.Generation;

/// <summary>An Inventory item: key <c>productId</c>.</summary>
internal sealed record Product(
    string ProductId, string Sku, string Name, long Quantity, long ReorderThreshold, long ReorderQuantity, string LastModifiedBy)
    : IItemImage
{
    public string Table => "Inventory";

    public string Key => ProductId;

    public void WriteKeys(Utf8JsonWriter writer) => Attributes.S(writer, "productId", ProductId);

    public void WriteImage(Utf8JsonWriter writer)
    {
        Attributes.S(writer, "productId", ProductId);
        Attributes.S(writer, "sku", Sku);
        Attributes.S(writer, "name", Name);
        Attributes.N(writer, "quantity", Quantity);
        Attributes.N(writer, "reorderThreshold", ReorderThreshold);
        Attributes.N(writer, "reorderQuantity", ReorderQuantity);
        Attributes.S(writer, "lastModifiedBy", LastModifiedBy);
    }
}
