namespace Bus.Messaging.Tests.Outbox;

/// <summary>Sent by the consumer.</summary>
public sealed record AuditOrder
{
    public Guid OrderId { get; init; }
}
