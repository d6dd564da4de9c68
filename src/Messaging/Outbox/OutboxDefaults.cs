namespace Bus.Messaging.Outbox;

/// <summary>Default settings of the EF Core inbox/outbox, where they differ from MassTransit's.</summary>
public static class OutboxDefaults
{
    /// <summary>
    /// How long an inbox row is kept after its message was consumed and its outbox delivered: 7 days. MassTransit's own
    /// default (30 minutes) is far shorter than the time a change can come back: a DynamoDB stream keeps a record for 24 hours
    /// and Lambda retries a failing batch for as long, a Kinesis stream can be replayed for up to a year. A copy arriving after
    /// its row was removed is consumed again, so each external effect must also be unique on its source event.
    /// </summary>
    public static readonly TimeSpan DuplicateDetectionWindow = TimeSpan.FromDays(7);

    /// <summary>How long the cleanup and delivery services wait when a query found nothing to do.</summary>
    public static readonly TimeSpan QueryDelay = TimeSpan.FromSeconds(10);

    /// <summary>How many rows one cleanup or delivery query handles.</summary>
    public const int QueryMessageLimit = 100;

    /// <summary>How long one cleanup or delivery query may take.</summary>
    public static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How many outbox messages one pass of a consumed message delivers: 100 (MassTransit's default is 1). A pass that finds
    /// fewer than the limit also marks the message delivered, so with 1 every message that sends anything needs one more
    /// transaction (lock, load, update, commit) before its outbox rows can be removed.
    /// </summary>
    public const int MessageDeliveryLimit = 100;
}
