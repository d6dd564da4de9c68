namespace Bus.FaultInjection.Tests;

/// <summary>A publish made to fail by <see cref="FaultyPublisher"/>.</summary>
public sealed class InjectedPublishException : Exception
{
    public InjectedPublishException()
    {
    }

    public InjectedPublishException(string message)
        : base(message)
    {
    }

    public InjectedPublishException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
