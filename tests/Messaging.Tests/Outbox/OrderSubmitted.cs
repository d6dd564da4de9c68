namespace Bus.Messaging.Tests.Outbox;

/// <summary>The event under test.</summary>
public sealed record OrderSubmitted
{
    public Guid OrderId { get; init; }

    /// <summary>How many attempts fail after the consumer wrote its row, published and sent.</summary>
    public int FailTimes { get; init; }

    /// <summary>How long the consumer keeps its transaction open, to widen races.</summary>
    public int HoldMilliseconds { get; init; }

    /// <summary>The consumer writes its row and publishes and sends nothing.</summary>
    public bool SendNothing { get; init; }

    /// <summary>The queue that receives the consumer's <see cref="AuditOrder"/> command.</summary>
    public string AuditQueue { get; init; } = "audit-order";
}
