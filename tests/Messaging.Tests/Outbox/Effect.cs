namespace Bus.Messaging.Tests.Outbox;

/// <summary>A row the consumer writes for each consumption: a doubled consumption shows as two rows.</summary>
public sealed class Effect
{
    public long Id { get; set; }
    public Guid OrderId { get; set; }
    public Guid MessageId { get; set; }
}
