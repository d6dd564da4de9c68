namespace Bus.Operations.ErrorQueues;

/// <summary>A queue the operation needs does not exist on the broker (or in this virtual host).</summary>
public sealed class QueueNotFoundException : Exception
{
    public QueueNotFoundException()
    {
    }

    public QueueNotFoundException(string message)
        : base(message)
    {
    }

    public QueueNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
