namespace Bus.Demo.Replay;

/// <summary>An argument or batch file the demo cannot use; the message names it and says why.</summary>
public sealed class InvalidInputException : Exception
{
    public InvalidInputException()
    {
    }

    public InvalidInputException(string message)
        : base(message)
    {
    }

    public InvalidInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
