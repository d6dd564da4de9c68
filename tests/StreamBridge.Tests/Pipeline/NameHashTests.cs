using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using Bus.StreamBridge.Pipeline;

namespace Bus.StreamBridge.Tests.Pipeline;

/// <summary>The message ids' own SHA-1 against FIPS 180's examples and the platform's SHA-1.</summary>
[SuppressMessage("Security", "CA5350", Justification = "The reference for a SHA-1 implementation is SHA-1.")]
public sealed class NameHashTests
{
    [Theory]
    [InlineData("", "da39a3ee5e6b4b0d3255bfef95601890afd80709")]
    [InlineData("abc", "a9993e364706816aba3e25717850c26c9cd0d89d")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "84983e441c3bd26ebaae4aa1f95129e5e54670f1")]
    [InlineData("The quick brown fox jumps over the lazy dog", "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12")]
    public void It_gives_the_published_digests(string text, string expected)
    {
        Assert.Equal(expected, Hex(Encoding.ASCII.GetBytes(text)));
    }

    [Fact]
    public void It_gives_the_published_digest_of_a_million_as()
    {
        Assert.Equal("34aa973cd4c4daa4f61eeb2bdbad27316534016f", Hex(Enumerable.Repeat((byte)'a', 1_000_000).ToArray()));
    }

    [Fact]
    public void It_agrees_with_the_platform_on_every_length_across_several_blocks()
    {
        // Every padding case: lengths around 55/56 and 63/64 bytes (one tail block or two) for several block counts.
        var random = new Random(20261127);
        for (var length = 0; length <= 400; length++)
        {
            var data = new byte[length];
            random.NextBytes(data);
            Assert.True(SHA1.HashData(data).AsSpan().SequenceEqual(Hash(data)), $"length {length}");
        }
    }

    [Fact]
    public void It_refuses_a_destination_too_short_for_the_hash()
    {
        Assert.Throws<ArgumentException>(() => NameHash.Sha1("abc"u8, new byte[19]));
    }

    [Fact]
    public void It_writes_only_the_hash_into_a_longer_destination()
    {
        var destination = Enumerable.Repeat((byte)0xEE, 24).ToArray();

        NameHash.Sha1("abc"u8, destination);

        Assert.Equal("a9993e364706816aba3e25717850c26c9cd0d89d", Convert.ToHexStringLower(destination[..20]));
        Assert.All(destination[20..], b => Assert.Equal(0xEE, b));
    }

    private static byte[] Hash(byte[] data)
    {
        var hash = new byte[NameHash.HashSizeInBytes];
        NameHash.Sha1(data, hash);
        return hash;
    }

    private static string Hex(byte[] data) => Convert.ToHexStringLower(Hash(data));
}
