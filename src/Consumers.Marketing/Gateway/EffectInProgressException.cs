namespace Bus.Consumers.Marketing.Gateway;

/// <summary>Another copy of the command holds the claim on the effect right now: retry later, when it is delivered or expired.</summary>
public sealed class EffectInProgressException : Exception
{
    public EffectInProgressException()
    {
    }

    public EffectInProgressException(string message)
        : base(message)
    {
    }

    public EffectInProgressException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
