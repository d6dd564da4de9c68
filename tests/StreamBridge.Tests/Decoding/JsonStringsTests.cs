using System.Buffers;
using System.Text;
using System.Text.Json;
using Bus.StreamBridge.Decoding;

namespace Bus.StreamBridge.Tests.Decoding;

/// <summary>
/// Comparing a string token with a .NET string, and sharing short values between records: both take shortcuts for unescaped
/// ASCII, and must agree with <see cref="Utf8JsonReader.ValueTextEquals(string)"/> and <see cref="Utf8JsonReader.GetString"/>
/// for every other token too.
/// </summary>
public sealed class JsonStringsTests
{
    public static TheoryData<string, string> Pairs => new()
    {
        { "\"SHIPPED\"", "SHIPPED" },
        { "\"SHIPPED\"", "SHIPPEd" },
        { "\"SHIPPED\"", "SHIPPE" },
        { "\"SHIPPE\"", "SHIPPED" },
        { "\"\"", "" },
        { "\"\"", "a" },
        { "\"a\"", "" },
        { "\"Zürich\"", "Zürich" },
        { "\"Zürich\"", "Zurich" },
        { "\"Zurich\"", "Zürich" },
        // "é" is two UTF-8 bytes, so "é" and "ab" have the same byte length as strings of different lengths.
        { "\"é\"", "ab" },
        { "\"ab\"", "é" },
        { "\"𝄞\"", "𝄞" },
        { "\"𝄞\"", "abcd" },
        { "\"abcd\"", "𝄞" },
        { "\"\\u0053HIPPED\"", "SHIPPED" },
        { "\"\\u0053HIPPED\"", "SHIPPEX" },
        { "\"Z\\u00fcrich\"", "Zürich" },
        { "\"12345678901234567890123456789012345678\"", "12345678901234567890123456789012345678" },
        { "\"12345678901234567890123456789012345678\"", "12345678901234567890123456789012345679" },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void A_token_is_a_string_exactly_when_the_reader_says_so(string json, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var expected = Reader(bytes).ValueTextEquals(text);

        var whole = Reader(bytes);
        Assert.Equal(expected, JsonStrings.Is(ref whole, text));

        // The same token split across segments (a value sequence) takes the reader's own comparison.
        for (var split = 1; split < bytes.Length; split++)
        {
            var pieces = Pieces(bytes, split);
            Assert.Equal(expected, JsonStrings.Is(ref pieces, text));
        }
    }

    [Fact]
    public void A_token_that_is_not_utf8_is_no_string_of_its_length()
    {
        // Two invalid bytes where the string has two ASCII characters.
        byte[] json = [(byte)'"', 0xC3, 0x28, (byte)'"'];
        var reader = Reader(json);

        Assert.False(JsonStrings.Is(ref reader, "\u00c3("));
        Assert.False(JsonStrings.Is(ref reader, "ab"));
    }

    [Fact]
    public void Shared_values_read_back_as_themselves_whatever_slot_they_share()
    {
        // Values from empty to past the 32 shared bytes, many more than the cache's 4,096 slots, each read twice: every one
        // must come back as its own text (a collision may replace a slot, never answer for another value).
        var values = Enumerable.Range(0, 20_000)
            .Select(i => (i % 40) switch
            {
                0 => string.Empty,
                < 8 => (i % 1_000).ToString("D" + (i % 8), System.Globalization.CultureInfo.InvariantCulture),
                < 20 => $"SKU-{i:D5}",
                < 30 => $"customer-{i}@example.com",
                _ => new string((char)('a' + (i % 26)), i % 40),
            })
            .ToList();

        for (var round = 0; round < 2; round++)
        {
            foreach (var value in values)
            {
                var reader = Reader(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(value)));
                Assert.Equal(value, ValueStrings.Read(ref reader, "S value"));
            }
        }
    }

    [Fact]
    public void A_short_value_read_again_is_the_same_string()
    {
        var first = Reader("\"DELIVERED\""u8.ToArray());
        var second = Reader("\"DELIVERED\""u8.ToArray());

        Assert.Same(ValueStrings.Read(ref first, "S value"), ValueStrings.Read(ref second, "S value"));
    }

    private static Utf8JsonReader Reader(byte[] json)
    {
        var reader = new Utf8JsonReader(json);
        Assert.True(reader.Read());
        return reader;
    }

    private static Utf8JsonReader Pieces(byte[] json, int split)
    {
        var first = new Segment(json.AsMemory(0, split));
        var last = first.Append(json.AsMemory(split));
        var reader = new Utf8JsonReader(new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length));
        Assert.True(reader.Read());
        return reader;
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
