using System.Runtime.CompilerServices;

namespace Bus.StreamBridge.Decoding;

/// <summary>
/// Shares the attribute-name arrays of decoded maps. The items of one table show the same few name lists (in the same
/// order) over and over, so a map takes its names array from here instead of allocating a copy. Maps never write to
/// their names, which is what makes sharing safe.
/// </summary>
internal static class NameLists
{
    // Direct-mapped and fixed in size, so that hostile input with ever new names cannot grow it; a collision only
    // costs an allocation. Long lists are not kept: one huge image must not pin a large array.
    private const int Slots = 1024;
    private const int MaxNames = 64;

    private static readonly string[]?[] Cache = new string[]?[Slots];

    /// <summary>An array equal to <paramref name="names"/>, shared when the same list was seen before.</summary>
    public static string[] Get(ReadOnlySpan<string> names)
    {
        if (names.Length > MaxNames)
        {
            return names.ToArray();
        }

        // Names come interned from NameTable, so their identity hashes stand for their text; one that is not
        // interned only misses.
        var hash = names.Length;
        foreach (var name in names)
        {
            hash = (hash * 31) + RuntimeHelpers.GetHashCode(name);
        }

        ref var slot = ref Cache[hash & (Slots - 1)];
        var cached = Volatile.Read(ref slot);
        if (cached is not null && cached.AsSpan().SequenceEqual(names))
        {
            return cached;
        }

        var created = names.ToArray();
        Volatile.Write(ref slot, created);
        return created;
    }
}
