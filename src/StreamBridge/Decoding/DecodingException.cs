using System.Buffers;
using System.Globalization;
using System.Text;

namespace Bus.StreamBridge.Decoding;

/// <summary>A stream record or attribute value that does not follow DynamoDB's documented format.</summary>
/// <remarks>The message names the offending attribute path and the reason, never the value: values may be
/// personal data.</remarks>
public sealed class DecodingException : Exception
{
    private const int MaxNameLength = 64;

    /// <summary>C0 and C1 controls, and the Unicode line and paragraph separators that some log viewers break on.</summary>
    private static readonly SearchValues<char> Unprintable = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(c => (char)c), .. Enumerable.Range(0x7F, 0x21).Select(c => (char)c), '\u2028', '\u2029']);

    public DecodingException()
        : this("stream record is malformed")
    {
    }

    public DecodingException(string message)
        : this(message, path: null, innerException: null)
    {
    }

    public DecodingException(string message, Exception innerException)
        : this(message, path: null, innerException)
    {
    }

    private DecodingException(string reason, string? path, Exception? innerException)
        : base(path is null ? reason : $"{path}: {reason}", innerException)
    {
        Reason = reason;
        Path = path;
    }

    /// <summary>What is wrong, without the location.</summary>
    public string Reason { get; }

    /// <summary>Where: a dotted path of field and attribute names, list indexes in brackets.</summary>
    public string? Path { get; }

    /// <summary>The same failure one level further out, in the attribute <paramref name="name"/>. Attribute names
    /// may hold any Unicode and run to 64 KB, and reasons reach log lines and failure reports: control characters
    /// and line separators are escaped and a long name is cut, so no name can forge a log line or bloat a
    /// report.</summary>
    public DecodingException WithinAttribute(string name) => Within(Printable(name));

    /// <summary>The same failure one level further out, under <paramref name="segment"/>.</summary>
    public DecodingException Within(string segment) =>
        new(Reason, Path is null ? segment : Path.StartsWith('[') ? segment + Path : $"{segment}.{Path}", InnerException);

    private static string Printable(string name)
    {
        var length = name.Length <= MaxNameLength ? name.Length
            : char.IsHighSurrogate(name[MaxNameLength - 1]) ? MaxNameLength - 1 : MaxNameLength;
        if (length == name.Length && !name.AsSpan().ContainsAny(Unprintable))
        {
            return name;
        }

        var printable = new StringBuilder(length + 24);
        foreach (var c in name.AsSpan(0, length))
        {
            _ = Unprintable.Contains(c)
                ? printable.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}")
                : printable.Append(c);
        }

        return length == name.Length
            ? printable.ToString()
            : printable.Append(CultureInfo.InvariantCulture, $"…({name.Length} characters)").ToString();
    }
}
