namespace Bus.StreamBridge.Translation;

/// <summary>An item that does not match its table's schema (a missing required attribute, a wrong type, a value
/// out of range). Deterministic: retrying the record cannot help, so the record goes to the failed-record store.</summary>
public sealed class TranslationException : Exception
{
    public TranslationException()
    {
    }

    public TranslationException(string message)
        : base(message)
    {
    }

    public TranslationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
