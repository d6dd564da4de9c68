using System.Text;
using System.Text.Json;
using Bus.StreamBridge.Decoding;

namespace Bus.StreamBridge.Tests.Decoding;

/// <summary>Attribute names come back as one shared string per name, however they are written and read.</summary>
public sealed class NameTableTests
{
    [Fact]
    public void A_name_read_again_is_the_same_string()
    {
        var first = ReadName("""{"customerId": 1}"""u8);
        var second = ReadName("""{"customerId": 2}"""u8);

        Assert.Equal("customerId", first);
        Assert.Same(first, second);
    }

    [Fact]
    public void An_escaped_name_is_the_same_string_as_the_name_it_spells()
    {
        var plain = ReadName("""{"orderNumber": 1}"""u8);
        var escaped = ReadName("""{"\u006FrderNumber": 1}"""u8);

        Assert.Same(plain, escaped);
    }

    [Fact]
    public void Names_that_share_a_slot_of_the_recent_cache_each_come_back_as_themselves()
    {
        // 2,000 distinct names fill the 256 slots many times over; reading them all twice must give each its own text.
        var names = Enumerable.Range(0, 2_000).Select(i => $"attr{i}").ToList();
        var first = names.Select(n => ReadName(Encoding.UTF8.GetBytes($$"""{"{{n}}": 1}"""))).ToList();
        var second = names.Select(n => ReadName(Encoding.UTF8.GetBytes($$"""{"{{n}}": 1}"""))).ToList();

        Assert.Equal(names, first);
        Assert.Equal(names, second);
    }

    [Fact]
    public void A_name_read_on_another_thread_is_the_same_string()
    {
        var here = ReadName("""{"reorderThreshold": 1}"""u8);
        string? there = null;
        var thread = new Thread(() => there = ReadName("""{"reorderThreshold": 1}"""u8));
        thread.Start();
        thread.Join();

        Assert.Same(here, there);
    }

    [Fact]
    public void A_name_that_is_not_utf8_fails_every_time_it_is_read()
    {
        byte[] invalid = [.. """{"na"""u8, 0xC3, 0x28, .. """me": 1}"""u8];

        for (var i = 0; i < 2; i++)
        {
            var e = Assert.Throws<DecodingException>(() => ReadName(invalid));
            Assert.Contains("an attribute name", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_long_name_is_read_but_not_kept()
    {
        var name = new string('n', 200);

        var first = ReadName(Encoding.UTF8.GetBytes($$"""{"{{name}}": 1}"""));
        var second = ReadName(Encoding.UTF8.GetBytes($$"""{"{{name}}": 1}"""));

        Assert.Equal(name, first);
        Assert.NotSame(first, second);
    }

    private static string ReadName(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        reader.Read();
        reader.Read();
        return NameTable.Read(ref reader, "an attribute name");
    }
}
