namespace Bus.StreamBridge.Pipeline;

/// <summary>
/// The batch cannot be answered with <c>batchItemFailures</c>: a record could neither be stored nor identified by
/// sequence number. The handler throws, and Lambda retries (and, with bisect-on-error, splits) the whole batch:
/// failing loudly is the only way not to lose that record.
/// </summary>
public sealed class BatchFailedException : Exception
{
    public BatchFailedException()
    {
    }

    public BatchFailedException(string message)
        : base(message)
    {
    }

    public BatchFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
