namespace Bus.StreamBridge.Decoding;

/// <summary>A stream record or attribute value that does not follow DynamoDB's documented format.</summary>
/// <remarks>The message names the offending attribute path and the reason, never the value: values may be
/// personal data.</remarks>
public sealed class DecodingException : Exception
{
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

    /// <summary>The same failure one level further out, under <paramref name="segment"/>.</summary>
    public DecodingException Within(string segment) =>
        new(Reason, Path is null ? segment : Path.StartsWith('[') ? segment + Path : $"{segment}.{Path}", InnerException);
}
