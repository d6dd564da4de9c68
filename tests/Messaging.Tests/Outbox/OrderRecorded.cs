namespace Bus.Messaging.Tests.Outbox;

/// <summary>Published by the consumer.</summary>
public sealed record OrderRecorded
{
    public Guid OrderId { get; init; }
}
