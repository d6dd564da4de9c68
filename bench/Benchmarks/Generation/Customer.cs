using System.Text.Json;

namespace Bus.Benchmarks.Generation;

/// <summary>A Customers item: key <c>customerId</c>.</summary>
internal sealed record Customer(
    string CustomerId, string Email, string Name, string Phone, PostalAddress Address, bool MarketingOptIn, long Version)
    : IItemImage
{
    public string Table => "Customers";

    public string Key => CustomerId;

    public void WriteKeys(Utf8JsonWriter writer) => Attributes.S(writer, "customerId", CustomerId);

    public void WriteImage(Utf8JsonWriter writer)
    {
        Attributes.S(writer, "customerId", CustomerId);
        Attributes.S(writer, "email", Email);
        Attributes.S(writer, "name", Name);
        Attributes.S(writer, "phone", Phone);
        writer.WriteStartObject("address");
        writer.WriteStartObject("M");
        Attributes.S(writer, "street", Address.Street);
        Attributes.S(writer, "city", Address.City);
        Attributes.S(writer, "postalCode", Address.PostalCode);
        Attributes.S(writer, "country", Address.Country);
        writer.WriteEndObject();
        writer.WriteEndObject();
        Attributes.Bool(writer, "marketingOptIn", MarketingOptIn);
        Attributes.N(writer, "version", Version);
    }
}
