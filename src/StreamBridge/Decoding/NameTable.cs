using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;

namespace Bus.StreamBridge.Decoding;

/// <summary>
/// Interns attribute names, and the record fields that repeat from record to record (event name, stream ARN,
/// region, table name). Every record of a table repeats the same few names, so reading them through this table
/// saves a string per attribute per image, the largest share of the decoder's allocations.
/// </summary>
internal static class NameTable
{
    // Bounded so that hostile input with unique names cannot grow it without end.
    private const int Capacity = 8192;
    private const int MaxInternedLength = 128;

    private static readonly ConcurrentDictionary<string, string> Names = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> Lookup =
        Names.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Slots of each thread's cache of recently read names by their UTF-8 bytes; a power of two.</summary>
    private const int RecentSlots = 256;

    /// <summary>
    /// Per thread, the names read last by their exact UTF-8 bytes, one per slot of their hash: a record's names are
    /// then found by comparing bytes, without transcoding them to UTF-16 and looking them up in <see cref="Names"/>.
    /// Only unescaped names read before (so already checked to be valid UTF-8) are kept; a collision only costs the
    /// slow path.
    /// </summary>
    [ThreadStatic]
    private static Recent[]? t_recent;

    /// <summary>The current string or property name of <paramref name="reader"/>, interned when short;
    /// <paramref name="what"/> names it in the error when it is not valid Unicode.</summary>
    public static string Read(ref Utf8JsonReader reader, string what)
    {
        if (reader.HasValueSequence || reader.ValueIsEscaped || reader.ValueSpan.Length > MaxInternedLength)
        {
            return ReadAndIntern(ref reader, what);
        }

        var utf8 = reader.ValueSpan;
        var recent = t_recent ??= new Recent[RecentSlots];
        ref var slot = ref recent[ShortKeyHash.Of(utf8) & (RecentSlots - 1)];
        if (slot.Utf8 is { } known && utf8.SequenceEqual(known))
        {
            return slot.Name;
        }

        var name = ReadAndIntern(ref reader, what);
        slot = new Recent(utf8.ToArray(), name);
        return name;
    }

    private static string ReadAndIntern(ref Utf8JsonReader reader, string what)
    {
        var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (length > MaxInternedLength)
        {
            return JsonStrings.Get(ref reader, what);
        }

        Span<char> buffer = stackalloc char[MaxInternedLength];
        var written = JsonStrings.Copy(ref reader, buffer, what);
        var name = buffer[..written];
        if (Lookup.TryGetValue(name, out var interned))
        {
            return interned;
        }

        return Add(name);
    }

    /// <summary>The interned copy of <paramref name="name"/>, when short.</summary>
    public static string Intern(ReadOnlySpan<char> name)
    {
        if (name.Length > MaxInternedLength)
        {
            return name.ToString();
        }

        return Lookup.TryGetValue(name, out var interned) ? interned : Add(name);
    }

    private static string Add(ReadOnlySpan<char> name)
    {
        var created = name.ToString();
        // The runtime's intern pool holds the code's string literals: a name the translators look up ("email") is
        // then the very string the decoder read, and comparing them is comparing references (AttributeMap.SameName).
        // Only names that get a place in this bounded table go there.
        return Names.Count < Capacity ? Names.GetOrAdd(created, static c => string.Intern(c)) : created;
    }

    /// <summary>Same as <see cref="Read"/> for UTF-8 bytes outside a reader.</summary>
    public static string Get(ReadOnlySpan<byte> utf8)
    {
        Span<char> buffer = stackalloc char[MaxInternedLength];
        if (utf8.Length > MaxInternedLength || !Encoding.UTF8.TryGetChars(utf8, buffer, out var written))
        {
            return Encoding.UTF8.GetString(utf8);
        }

        return Lookup.TryGetValue(buffer[..written], out var interned) ? interned : Encoding.UTF8.GetString(utf8);
    }

    private readonly record struct Recent(byte[] Utf8, string Name);
}
