namespace Bus.Messaging.Gateway;

/// <summary>The external system could not take the call now (errors or time-outs after the client's own retries,
/// an open circuit, the kill switch, the rate limit): the message is retried later.</summary>
public sealed class ExternalSystemUnavailableException : Exception
{
    public ExternalSystemUnavailableException()
    {
    }

    public ExternalSystemUnavailableException(string message)
        : base(message)
    {
    }

    public ExternalSystemUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
