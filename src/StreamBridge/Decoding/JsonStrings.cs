using System.Text;
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

    /// <summary>True when the current name or string token is <paramref name="text"/>. A token holding an unpaired
    /// surrogate escape cannot be any valid text, but comparing one throws once the escape has to be undone; only
    /// escaped tokens take that path, so the names of every record compare without it.</summary>
    public static bool Is(ref Utf8JsonReader reader, ReadOnlySpan<byte> text) =>
        reader.ValueIsEscaped ? EscapedIs(ref reader, text) : reader.ValueTextEquals(text);

    /// <inheritdoc cref="Is(ref Utf8JsonReader, ReadOnlySpan{byte})"/>
    /// <remarks>A string's UTF-8 form has at least as many bytes as the string has characters, and exactly as many only
    /// when it is ASCII. So an unescaped token of the string's length is compared as ASCII, without transcoding the
    /// string; a shorter one cannot be it; only a longer one (the string has other characters) is compared in full.</remarks>
    public static bool Is(ref Utf8JsonReader reader, string text)
    {
        if (reader.ValueIsEscaped)
        {
            return EscapedIs(ref reader, Encoding.UTF8.GetBytes(text));
        }

        if (!reader.HasValueSequence)
        {
            var utf8 = reader.ValueSpan;
            if (utf8.Length <= text.Length)
            {
                return utf8.Length == text.Length && Ascii.Equals(utf8, text);
            }
        }

        return reader.ValueTextEquals(text);
    }

    private static bool EscapedIs(ref Utf8JsonReader reader, ReadOnlySpan<byte> text)
    {
        try
        {
            return reader.ValueTextEquals(text);
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>The current string token's bytes decoded from base64, or null when it is not base64. An escaped
    /// token is unescaped first, which throws at an unpaired surrogate escape: that is not base64 either.</summary>
    public static byte[]? Base64(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.TryGetBytesFromBase64(out var bytes) ? bytes : null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Checks the current string token as <see cref="Get"/> would, without keeping a copy: for a value
    /// that is not used (a Kinesis record's own eventID).</summary>
    public static void Check(ref Utf8JsonReader reader, string what)
    {
        if (reader.HasValueSequence || reader.ValueIsEscaped || !System.Text.Unicode.Utf8.IsValid(reader.ValueSpan))
        {
            _ = Get(ref reader, what);
        }
    }

    private static DecodingException NotUnicode(string what, Exception inner) =>
        new($"{what} is not valid Unicode (invalid UTF-8 or an unpaired surrogate escape)", inner);
}
