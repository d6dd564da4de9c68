using System.Buffers.Binary;
using System.Numerics;

namespace Bus.StreamBridge.Decoding;

/// <summary>
/// The hash of the decoder's direct-mapped caches (<see cref="NameTable"/>'s recent names, <see cref="ValueStrings"/>):
/// the length and the first and last four bytes, mixed (FNV-1a for keys under four bytes). Weak on purpose: a collision
/// only costs a cache miss, keys of one length that share both ends are rare, and it is not seeded, since keys chosen to
/// collide cost no more than the caches' absence would.
/// </summary>
internal static class ShortKeyHash
{
    /// <summary>The hash of <paramref name="utf8"/>; its low bits are mixed, for a power-of-two table.</summary>
    public static int Of(ReadOnlySpan<byte> utf8)
    {
        var hash = (uint)utf8.Length * 0x9E3779B1u;
        if (utf8.Length >= 4)
        {
            hash ^= BinaryPrimitives.ReadUInt32LittleEndian(utf8);
            hash = BitOperations.RotateLeft(hash * 0x85EBCA6Bu, 13);
            hash ^= BinaryPrimitives.ReadUInt32LittleEndian(utf8[^4..]);
        }
        else
        {
            foreach (var b in utf8)
            {
                hash = (hash ^ b) * 16777619u;
            }
        }

        hash *= 0xC2B2AE35u;
        return (int)(hash ^ (hash >> 16));
    }
}
