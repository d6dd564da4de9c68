using System.Text;
using System.Text.Json;

namespace Bus.StreamBridge.Decoding;

/// <summary>
/// Shares short S and N values between records. Items repeat many of their values (statuses, countries, cities,
/// SKUs, quantities, version numbers) from record to record, and a MODIFY's unchanged ones are already shared
/// between its two images; this shares them across records too, instead of a new string each time.
/// </summary>
internal static class ValueStrings
{
    // Direct-mapped and fixed in size like NameLists: a miss costs the string it would have cost anyway, and no
    // input can make the cache hold more than Slots strings of at most MaxLength characters.
    private const int Slots = 4096;
    private const int MaxLength = 32;

    private static readonly string?[] Cache = new string?[Slots];

    /// <summary>The current string token, as <see cref="JsonStrings.Get"/> reads it.</summary>
    public static string Read(ref Utf8JsonReader reader, string what)
    {
        if (reader.HasValueSequence || reader.ValueIsEscaped)
        {
            return JsonStrings.Get(ref reader, what);
        }

        // Only unescaped ASCII: its characters are its bytes, so comparing needs no decoding, and anything else
        // (including invalid UTF-8, which must fail as before) takes the ordinary path.
        var utf8 = reader.ValueSpan;
        if (utf8.Length > MaxLength || !Ascii.IsValid(utf8))
        {
            return JsonStrings.Get(ref reader, what);
        }

        ref var slot = ref Cache[ShortKeyHash.Of(utf8) & (Slots - 1)];
        var cached = Volatile.Read(ref slot);
        if (cached is not null && Ascii.Equals(utf8, cached))
        {
            return cached;
        }

        var created = Encoding.ASCII.GetString(utf8);
        Volatile.Write(ref slot, created);
        return created;
    }
}
