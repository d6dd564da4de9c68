using Bus.Contracts;
using Bus.Contracts.Customers;
using Bus.Contracts.Inventory;
using Bus.Contracts.Orders;

namespace Bus.Consumers.Notifications.Tests.Infrastructure;

/// <summary>Events as the bridge publishes them: a fresh stream event id each, and sequence numbers that grow.</summary>
public static class TestEvents
{
    private static long _sequence = 100_000_000_000_000_000;

    public static string NextSequence() => Interlocked.Increment(ref _sequence).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static ChangeMetadata Change(string table, string entityKey, long? version, ChangeKind kind = ChangeKind.Modify, string? sequence = null) => new()
    {
        SourceTable = table,
        StreamEventId = Guid.NewGuid().ToString("N"),
        SequenceNumber = sequence ?? NextSequence(),
        ApproximateCreationTime = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero),
        EntityKey = entityKey,
        ItemVersion = version,
        ChangeKind = kind,
        Source = ChangeSource.DynamoDbStreams,
    };

    public static CustomerRegistered Registered(string customerId, long version = 1, string? name = "Ada Lovelace",
        string? email = "ada@example.test", string? phone = "+44 20 7946 0000") => new()
    {
        Change = Change("Customers", $"customerId={customerId}", version, ChangeKind.Insert),
        CustomerId = customerId,
        Name = name,
        Email = email,
        Phone = phone,
        MarketingOptIn = false,
    };

    public static CustomerEmailChanged EmailChanged(string customerId, long version, string? email) => new()
    {
        Change = Change("Customers", $"customerId={customerId}", version),
        CustomerId = customerId,
        Email = email,
    };

    public static CustomerPhoneChanged PhoneChanged(string customerId, long version, string? phone) => new()
    {
        Change = Change("Customers", $"customerId={customerId}", version),
        CustomerId = customerId,
        Phone = phone,
    };

    public static CustomerDeleted Deleted(string customerId, long version) => new()
    {
        Change = Change("Customers", $"customerId={customerId}", version, ChangeKind.Remove),
        CustomerId = customerId,
        ExpiredByTtl = false,
    };

    public static OrderShipped Shipped(string orderId, string customerId, long version = 3) => new()
    {
        Change = Change("Orders", $"orderId={orderId}", version),
        OrderId = orderId,
        CustomerId = customerId,
        OrderNumber = "N-" + orderId,
        TrackingNumber = "1Z999AA10123456784",
        Carrier = "UPS",
        EstimatedDelivery = new DateOnly(2026, 12, 1),
    };

    public static OrderDelivered Delivered(string orderId, string customerId, long version = 4) => new()
    {
        Change = Change("Orders", $"orderId={orderId}", version),
        OrderId = orderId,
        CustomerId = customerId,
        OrderNumber = "N-" + orderId,
    };

    public static LowStockDetected LowStock(string productId, string? sequence = null) => new()
    {
        Change = Change("Inventory", $"productId={productId}", version: null, sequence: sequence),
        ProductId = productId,
        Sku = "SKU-" + productId,
        Name = "Blue widget",
        Quantity = 3,
        ReorderThreshold = 5,
        SuggestedOrderQuantity = 7,
        LastModifiedBy = "checkout",
    };

    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];
}
