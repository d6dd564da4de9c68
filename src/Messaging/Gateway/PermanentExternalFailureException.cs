namespace Bus.Messaging.Gateway;

/// <summary>The external system rejected the call for good (a 4xx other than 408 and 429): retrying cannot help,
/// so consumers let the message fault to its <c>_error</c> queue with this reason.</summary>
public sealed class PermanentExternalFailureException : Exception
{
    public PermanentExternalFailureException()
    {
    }

    public PermanentExternalFailureException(string message)
        : base(message)
    {
    }

    public PermanentExternalFailureException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
