using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Bus.StreamBridge.Pipeline;

/// <summary>
/// SHA-1 (FIPS 180-4) of a short input, for the name-based UUIDs of <see cref="MessageIds"/>. Computed here rather than
/// through <see cref="System.Security.Cryptography.SHA1"/>: on Linux each of its calls sets up and frees an OpenSSL digest
/// context and clears OpenSSL's error queue, about 5,000 instructions around the 2 × 900 that hash a message id's two
/// blocks, and the first call loads and initialises OpenSSL (about 10 million instructions of a process's start). This
/// scalar code spends about 2,500 instructions per block. The runtime does the same for the same reason (its internal
/// <c>Sha1ForNonSecretPurposes</c>, for EventSource GUIDs). It identifies; it protects nothing. <c>NameHashTests</c>
/// checks it against FIPS 180's examples and the platform's SHA-1 on every length up to several blocks.
/// </summary>
internal static class NameHash
{
    public const int HashSizeInBytes = 20;

    private const int BlockSize = 64;

    /// <summary>Writes the SHA-1 of <paramref name="data"/> into the first 20 bytes of <paramref name="destination"/>.</summary>
    public static void Sha1(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (destination.Length < HashSizeInBytes)
        {
            throw new ArgumentException("The destination is shorter than a SHA-1 hash.", nameof(destination));
        }

        var state = new State();
        var full = data.Length & ~(BlockSize - 1);
        for (var offset = 0; offset < full; offset += BlockSize)
        {
            state.Compress(data.Slice(offset, BlockSize));
        }

        // The rest, the 0x80 marker and the length in bits fill one block, or two when fewer than nine bytes are left.
        Span<byte> tail = stackalloc byte[2 * BlockSize];
        tail.Clear();
        var rest = data[full..];
        rest.CopyTo(tail);
        tail[rest.Length] = 0x80;
        var tailLength = rest.Length + 1 + sizeof(ulong) <= BlockSize ? BlockSize : 2 * BlockSize;
        BinaryPrimitives.WriteUInt64BigEndian(tail[(tailLength - sizeof(ulong))..], (ulong)data.Length * 8);
        for (var offset = 0; offset < tailLength; offset += BlockSize)
        {
            state.Compress(tail.Slice(offset, BlockSize));
        }

        state.Write(destination);
    }

    private struct State
    {
        private uint _h0;
        private uint _h1;
        private uint _h2;
        private uint _h3;
        private uint _h4;

        public State()
        {
            _h0 = 0x67452301;
            _h1 = 0xEFCDAB89;
            _h2 = 0x98BADCFE;
            _h3 = 0x10325476;
            _h4 = 0xC3D2E1F0;
        }

        /// <summary>Folds one 64-byte block into the state.</summary>
        public void Compress(ReadOnlySpan<byte> block)
        {
            if (block.Length != BlockSize)
            {
                throw new ArgumentException("A SHA-1 block is 64 bytes.", nameof(block));
            }

            // The schedule's 80 words. Indexed through a reference: the bounds checks of a span cost as much as the rounds
            // themselves here, and every index below is a constant offset under 80.
            Span<uint> schedule = stackalloc uint[80];
            ref var w = ref MemoryMarshal.GetReference(schedule);
            for (var i = 0; i < 16; i++)
            {
                Unsafe.Add(ref w, i) = BinaryPrimitives.ReadUInt32BigEndian(block.Slice(i * 4, 4));
            }

            for (var i = 16; i < 80; i++)
            {
                Unsafe.Add(ref w, i) = BitOperations.RotateLeft(
                    Unsafe.Add(ref w, i - 3) ^ Unsafe.Add(ref w, i - 8) ^ Unsafe.Add(ref w, i - 14) ^ Unsafe.Add(ref w, i - 16), 1);
            }

            uint a = _h0, b = _h1, c = _h2, d = _h3, e = _h4;
            Rounds<Choose>(ref w, 0, 0x5A827999, ref a, ref b, ref c, ref d, ref e);
            Rounds<Parity>(ref w, 20, 0x6ED9EBA1, ref a, ref b, ref c, ref d, ref e);
            Rounds<Majority>(ref w, 40, 0x8F1BBCDC, ref a, ref b, ref c, ref d, ref e);
            Rounds<Parity>(ref w, 60, 0xCA62C1D6, ref a, ref b, ref c, ref d, ref e);
            _h0 += a;
            _h1 += b;
            _h2 += c;
            _h3 += d;
            _h4 += e;
        }

        /// <summary>
        /// The twenty rounds from <paramref name="first"/>, with the round function <typeparamref name="TFunction"/> and the
        /// constant <paramref name="k"/>. Five rounds per pass, each writing the variable the next four rounds do not read:
        /// the usual unrolling, which spares moving all five variables along every round. A struct type argument, so the
        /// compiler makes one copy per function with the function inlined.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Rounds<TFunction>(ref uint w, int first, uint k, ref uint a, ref uint b, ref uint c, ref uint d, ref uint e)
            where TFunction : struct, IRoundFunction
        {
            for (var t = first; t < first + 20; t += 5)
            {
                e += BitOperations.RotateLeft(a, 5) + TFunction.Apply(b, c, d) + k + Unsafe.Add(ref w, t);
                b = BitOperations.RotateLeft(b, 30);
                d += BitOperations.RotateLeft(e, 5) + TFunction.Apply(a, b, c) + k + Unsafe.Add(ref w, t + 1);
                a = BitOperations.RotateLeft(a, 30);
                c += BitOperations.RotateLeft(d, 5) + TFunction.Apply(e, a, b) + k + Unsafe.Add(ref w, t + 2);
                e = BitOperations.RotateLeft(e, 30);
                b += BitOperations.RotateLeft(c, 5) + TFunction.Apply(d, e, a) + k + Unsafe.Add(ref w, t + 3);
                d = BitOperations.RotateLeft(d, 30);
                a += BitOperations.RotateLeft(b, 5) + TFunction.Apply(c, d, e) + k + Unsafe.Add(ref w, t + 4);
                c = BitOperations.RotateLeft(c, 30);
            }
        }

        public readonly void Write(Span<byte> destination)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination, _h0);
            BinaryPrimitives.WriteUInt32BigEndian(destination[4..], _h1);
            BinaryPrimitives.WriteUInt32BigEndian(destination[8..], _h2);
            BinaryPrimitives.WriteUInt32BigEndian(destination[12..], _h3);
            BinaryPrimitives.WriteUInt32BigEndian(destination[16..], _h4);
        }
    }

    /// <summary>One of SHA-1's three round functions.</summary>
    private interface IRoundFunction
    {
        static abstract uint Apply(uint x, uint y, uint z);
    }

    /// <summary>Rounds 0-19: y where x is set, else z.</summary>
    private readonly struct Choose : IRoundFunction
    {
        public static uint Apply(uint x, uint y, uint z) => z ^ (x & (y ^ z));
    }

    /// <summary>Rounds 20-39 and 60-79.</summary>
    private readonly struct Parity : IRoundFunction
    {
        public static uint Apply(uint x, uint y, uint z) => x ^ y ^ z;
    }

    /// <summary>Rounds 40-59: the bit set in at least two of the three.</summary>
    private readonly struct Majority : IRoundFunction
    {
        public static uint Apply(uint x, uint y, uint z) => (x & y) | (z & (x | y));
    }
}
