using Bus.Contracts;
using Bus.Contracts.Customers;

namespace Bus.Consumers.Marketing.Tests.Infrastructure;

/// <summary>Customer events as the bridge publishes them; the stream event id follows from the sequence number.</summary>
public static class Events
{
    public static readonly DateTimeOffset ChangedAt = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    public static ChangeMetadata Change(string customerId, string sequence, long? version, ChangeKind kind) => new()
    {
        SourceTable = "Customers",
        StreamEventId = $"evt-{customerId}-{sequence}",
        SequenceNumber = sequence,
        ApproximateCreationTime = ChangedAt,
        EntityKey = $"customerId={customerId}",
        ItemVersion = version,
        ChangeKind = kind,
        Source = ChangeSource.DynamoDbStreams,
    };

    public static CustomerRegistered Registered(string customerId, string? email, bool optIn, string sequence = "100", long? version = 1) => new()
    {
        Change = Change(customerId, sequence, version, ChangeKind.Insert),
        CustomerId = customerId,
        Email = email,
        Name = "Ada Lovelace",
        Phone = "+44 20 7946 0000",
        MarketingOptIn = optIn,
    };

    public static CustomerEmailChanged EmailChanged(string customerId, string? email, string sequence, long? version) => new()
    {
        Change = Change(customerId, sequence, version, ChangeKind.Modify),
        CustomerId = customerId,
        Email = email,
    };

    public static CustomerMarketingConsentChanged ConsentChanged(string customerId, bool optIn, string sequence, long? version) => new()
    {
        Change = Change(customerId, sequence, version, ChangeKind.Modify),
        CustomerId = customerId,
        MarketingOptIn = optIn,
        PreviousMarketingOptIn = !optIn,
    };

    public static CustomerDeleted Deleted(string customerId, string sequence, long? version) => new()
    {
        Change = Change(customerId, sequence, version, ChangeKind.Remove),
        CustomerId = customerId,
        ExpiredByTtl = false,
    };
}
