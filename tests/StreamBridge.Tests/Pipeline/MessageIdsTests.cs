using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using Bus.Contracts.Customers;
using Bus.Contracts.Orders;
using Bus.StreamBridge.Pipeline;

namespace Bus.StreamBridge.Tests.Pipeline;

public class MessageIdsTests
{
    private const string EventId = "44809eba37a5e7e9471d006a33a3dfea";

    [Fact]
    public void The_same_event_type_and_ordinal_always_give_the_same_id()
    {
        Assert.Equal(MessageIds.For(EventId, typeof(CustomerRegistered), 0), MessageIds.For(EventId, typeof(CustomerRegistered), 0));
    }

    [Fact]
    public void The_id_is_a_version_5_uuid_with_the_rfc_variant()
    {
        var text = MessageIds.For(EventId, typeof(CustomerRegistered), 0).ToString();

        Assert.Equal('5', text[14]);
        Assert.Contains(text[19], "89ab");
    }

    [Fact]
    public void A_different_ordinal_gives_a_different_id()
    {
        Assert.NotEqual(MessageIds.For(EventId, typeof(OrderShipped), 0), MessageIds.For(EventId, typeof(OrderShipped), 1));
    }

    [Fact]
    public void A_different_event_type_gives_a_different_id()
    {
        Assert.NotEqual(MessageIds.For(EventId, typeof(OrderShipped), 1), MessageIds.For(EventId, typeof(OrderDelivered), 1));
    }

    [Fact]
    public void A_different_stream_event_gives_a_different_id()
    {
        Assert.NotEqual(MessageIds.For(EventId, typeof(OrderShipped), 0), MessageIds.For("44809eba37a5e7e9471d006a33a3dfeb", typeof(OrderShipped), 0));
    }

    [Fact]
    public void The_id_matches_a_vector_computed_by_another_implementation()
    {
        // Python: uuid.uuid5(uuid.UUID("3b4f2d1e-8c7a-4f5e-9d2b-6a1c0e9f7b34"), "44809eba37a5e7e9471d006a33a3dfea/CustomerRegistered/0")
        Assert.Equal(Guid.Parse("7b1c8514-3074-5f04-b546-88334badeb98"), MessageIds.For(EventId, typeof(CustomerRegistered), 0));
    }

    [Fact]
    public void NameBased_matches_the_rfc_9562_example()
    {
        var dns = Guid.Parse("6ba7b810-9dad-11d1-80b4-00c04fd430c8");

        Assert.Equal(Guid.Parse("2ed6657d-e927-568b-95e1-2665a8aea6a2"), MessageIds.NameBased(dns, "www.example.com"));
    }

    [Fact]
    public void Non_ascii_names_are_hashed_as_utf8()
    {
        // Python: uuid.uuid5(namespace, "évt-ü/OrderShipped/1")
        Assert.Equal(Guid.Parse("5d2dbd9e-f8fa-543b-9388-149a9fb39c91"), MessageIds.NameBased(MessageIds.Namespace, "évt-ü/OrderShipped/1"));
    }

    [Theory]
    [InlineData("44809eba37a5e7e9471d006a33a3dfea", 0)]
    [InlineData("shardId-000000000000:49590338271490256608559692538361571095921575989136588803", 3)]
    [InlineData("", 0)]
    [InlineData("Zoë 🚀", 12)]
    public void The_id_equals_sha1_uuid5_computed_here_with_the_rfc_layout(string eventId, int ordinal)
    {
        var expected = Uuid5("3b4f2d1e-8c7a-4f5e-9d2b-6a1c0e9f7b34", $"{eventId}/OrderShipped/{ordinal}");

        Assert.Equal(expected, MessageIds.For(eventId, typeof(OrderShipped), ordinal));
    }

    /// <summary>RFC 9562 §5.5: SHA-1 of namespace bytes (network order) and the UTF-8 name, first 16 bytes, version
    /// 5 in the high nibble of byte 6, variant 10 in the top bits of byte 8; formatted from the bytes in order.</summary>
    [SuppressMessage("Security", "CA5350", Justification = "RFC 9562 version 5 UUIDs are defined with SHA-1.")]
    private static Guid Uuid5(string namespaceText, string name)
    {
        var input = Convert.FromHexString(namespaceText.Replace("-", "", StringComparison.Ordinal)).Concat(Encoding.UTF8.GetBytes(name)).ToArray();
        var hash = SHA1.HashData(input)[..16];
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        var hex = Convert.ToHexStringLower(hash);
        return Guid.Parse($"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}");
    }
}
