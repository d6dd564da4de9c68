namespace Bus.Messaging.Outbox;

/// <summary>
/// One row per bus-outbox scope (messages published or sent outside a consumer and saved with a DbContext). The delivery
/// service locks it so that only one instance delivers a scope's messages, in order.
/// </summary>
public class OutboxState
{
    /// <summary>Assigned when the scope first publishes or sends.</summary>
    public Guid OutboxId { get; set; }

    /// <summary>Changed by every transaction that holds the row lock.</summary>
    public Guid LockId { get; set; }

    /// <summary>Concurrency token, replaced by every update.</summary>
#pragma warning disable CA1819 // A byte array is how EF Core and the official package map this column.
    public byte[]? RowVersion { get; set; }
#pragma warning restore CA1819

    /// <summary>When the scope saved its first message (UTC); the delivery service works oldest first.</summary>
    public DateTime Created { get; set; }

    /// <summary>When every message of the scope was delivered (UTC).</summary>
    public DateTime? Delivered { get; set; }

    /// <summary>The sequence number of the last message delivered to the broker.</summary>
    public long? LastSequenceNumber { get; set; }
}
