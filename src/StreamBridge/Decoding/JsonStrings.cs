using System.Text.Json;

namespace Bus.StreamBridge.Decoding;

/// <summary>
/// Strings read from stream records. <see cref="Utf8JsonReader"/> checks JSON syntax but not that a string's bytes
/// are valid UTF-8 or that its <c>\u</c> escapes pair their surrogates: it throws
/// <see cref="InvalidOperationException"/> only when the string is transcoded. Reading through here turns that into
/// a <see cref="DecodingException"/>, so a record holding such a string is kept as malformed instead of failing its
/// whole batch.
/// </summary>
internal static class JsonStrings
{
    /// <summary>The current string token; <paramref name="what"/> names it in the error.</summary>
    public static string Get(ref Utf8JsonReader reader, string what)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException e)
        {
            throw NotUnicode(what, e);
        }
    }

    /// <summary>Copies the current string token into <paramref name="destination"/>, which must be large enough.</summary>
    public static int Copy(ref Utf8JsonReader reader, scoped Span<char> destination, string what)
    {
        try
        {
            return reader.CopyString(destination);
        }
        catch (InvalidOperationException e)
        {
            throw NotUnicode(what, e);
        }
    }

    private static DecodingException NotUnicode(string what, Exception inner) =>
        new($"{what} is not valid Unicode (invalid UTF-8 or an unpaired surrogate escape)", inner);
}
