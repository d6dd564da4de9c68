namespace Bus.Operations.ErrorQueues;

/// <summary>
/// A receive endpoint's queue and the queue MassTransit moves its faulted messages to: <c>&lt;queue&gt;_error</c>.
/// </summary>
/// <param name="Queue">The service's queue, e.g. <c>shipping</c>.</param>
/// <param name="ErrorQueue">Its error queue, e.g. <c>shipping_error</c>.</param>
public sealed record ErrorQueueNames(string Queue, string ErrorQueue)
{
    public const string ErrorSuffix = "_error";

    /// <summary>From either name: <c>shipping</c> and <c>shipping_error</c> both mean the pair
    /// (<c>shipping</c>, <c>shipping_error</c>).</summary>
    public static ErrorQueueNames From(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return name.EndsWith(ErrorSuffix, StringComparison.Ordinal) && name.Length > ErrorSuffix.Length
            ? new ErrorQueueNames(name[..^ErrorSuffix.Length], name)
            : new ErrorQueueNames(name, name + ErrorSuffix);
    }
}
