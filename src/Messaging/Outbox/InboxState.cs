namespace Bus.Messaging.Outbox;

/// <summary>
/// One row per (message, consumer) pair that an inbox-enabled endpoint has received: the duplicate-detection record.
/// Same columns as MassTransit.EntityFrameworkCore's <c>InboxState</c>.
/// </summary>
public class InboxState
{
    /// <summary>Surrogate key, so that rows are stored in arrival order.</summary>
    public long Id { get; set; }

    /// <summary>The MessageId of the received message.</summary>
    public Guid MessageId { get; set; }

    /// <summary>Derived from the endpoint name and consumer type, so each consumer of one message has its own row.</summary>
    public Guid ConsumerId { get; set; }

    /// <summary>Changed by every transaction that holds the row lock.</summary>
    public Guid LockId { get; set; }

    /// <summary>Concurrency token, replaced by every update (PostgreSQL and SQLite have no rowversion type).</summary>
#pragma warning disable CA1819 // A byte array is how EF Core and the official package map this column.
    public byte[]? RowVersion { get; set; }
#pragma warning restore CA1819

    /// <summary>When the message was first received (UTC).</summary>
    public DateTime Received { get; set; }

    /// <summary>How many times the message has been received, the first receipt included.</summary>
    public int ReceiveCount { get; set; }

    /// <summary>The message's own expiration time, when it has one.</summary>
    public DateTime? ExpirationTime { get; set; }

    /// <summary>When the consumer completed and its transaction committed (UTC); set means a copy is a duplicate.</summary>
    public DateTime? Consumed { get; set; }

    /// <summary>When every outbox message of this consumption was delivered to the broker (UTC).</summary>
    public DateTime? Delivered { get; set; }

    /// <summary>The sequence number of the last outbox message delivered to the broker.</summary>
    public long? LastSequenceNumber { get; set; }
}
