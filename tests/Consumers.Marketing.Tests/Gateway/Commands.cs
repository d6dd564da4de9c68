using Bus.Consumers.Marketing.Gateway;

namespace Bus.Consumers.Marketing.Tests.Gateway;

public static class Commands
{
    public static SourcePosition Position(string eventId) =>
        new() { StreamEventId = eventId, ItemVersion = 1, SequenceNumber = "100", ChangedAt = Infrastructure.Events.ChangedAt };

    public static SyncMarketingContact Sync(string customerId, string key) => new()
    {
        CustomerId = customerId,
        Email = "ada@example.com",
        MarketingOptIn = true,
        Revision = 2,
        IdempotencyKey = key,
        Source = Position("evt-1"),
    };

    public static EraseMarketingContact Erase(string customerId, string key) => new()
    {
        CustomerId = customerId,
        Revision = 3,
        IdempotencyKey = key,
        Source = Position("evt-2"),
    };
}
