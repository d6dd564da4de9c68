using System.Globalization;
using Bus.Contracts;
using Bus.Contracts.Customers;
using Bus.Contracts.Orders;

namespace Bus.Consumers.Shipping.Tests.Infrastructure;

/// <summary>Events as the bridge publishes them. Version n of an item has sequence number 1000…0n (21 digits) and change time
/// <see cref="Epoch"/> + n minutes, so tests can say "version 3" and mean a complete, consistent position.</summary>
public static class Events
{
    public static readonly DateTimeOffset Epoch = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    public static PostalAddress Address(string street) =>
        new() { Street = street, City = "Lyon", PostalCode = "69001", Country = "FR" };

    public static ChangeMetadata Change(string table, string key, long version, ChangeKind kind = ChangeKind.Modify) => new()
    {
        SourceTable = table,
        StreamEventId = Guid.NewGuid().ToString("N"),
        SequenceNumber = Sequence(version),
        ApproximateCreationTime = At(version),
        EntityKey = key,
        ItemVersion = version,
        ChangeKind = kind,
        Source = ChangeSource.DynamoDbStreams,
    };

    public static string Sequence(long version) => "1" + version.ToString("D20", CultureInfo.InvariantCulture);

    public static DateTimeOffset At(long version) => Epoch.AddMinutes(version);

    public static CustomerRegistered Registered(string customerId, long version, PostalAddress? address) => new()
    {
        Change = Change("Customers", $"customerId={customerId}", version, ChangeKind.Insert),
        CustomerId = customerId,
        Email = "someone@example.com",
        Name = "Some One",
        Address = address,
        MarketingOptIn = false,
    };

    public static CustomerAddressChanged AddressChanged(string customerId, long version, PostalAddress? address) => new()
    {
        Change = Change("Customers", $"customerId={customerId}", version),
        CustomerId = customerId,
        Address = address,
    };

    public static CustomerDeleted Deleted(string customerId, long version) => new()
    {
        Change = Change("Customers", $"customerId={customerId}", version, ChangeKind.Remove),
        CustomerId = customerId,
        ExpiredByTtl = false,
    };

    public static OrderPlaced Placed(string orderId, string customerId, long version = 1) => new()
    {
        Change = Change("Orders", $"orderId={orderId}", version, ChangeKind.Insert),
        OrderId = orderId,
        CustomerId = customerId,
        OrderNumber = "N-" + orderId,
        Status = OrderStatuses.Placed,
        Total = 25.50m,
        Items = [new OrderLine { Sku = "SKU-1", Quantity = 2, UnitPrice = 10.25m }, new OrderLine { Sku = "SKU-2", Quantity = 1, UnitPrice = 5.00m }],
    };

    public static OrderStatusChanged StatusChanged(string orderId, string customerId, long version, string previous, string status) => new()
    {
        Change = Change("Orders", $"orderId={orderId}", version),
        OrderId = orderId,
        CustomerId = customerId,
        OrderNumber = "N-" + orderId,
        PreviousStatus = previous,
        Status = status,
    };

    /// <summary>The OrderShipped of the same change as <paramref name="statusChanged"/>: equal metadata, as the bridge publishes both.</summary>
    public static OrderShipped Shipped(OrderStatusChanged statusChanged, string trackingNumber) => new()
    {
        Change = statusChanged.Change,
        OrderId = statusChanged.OrderId,
        CustomerId = statusChanged.CustomerId,
        OrderNumber = statusChanged.OrderNumber,
        TrackingNumber = trackingNumber,
        Carrier = "UPS",
        EstimatedDelivery = new DateOnly(2026, 3, 5),
    };

    public static OrderDelivered Delivered(OrderStatusChanged statusChanged) => new()
    {
        Change = statusChanged.Change,
        OrderId = statusChanged.OrderId,
        CustomerId = statusChanged.CustomerId,
        OrderNumber = statusChanged.OrderNumber,
    };

    public static OrderCancelled Cancelled(OrderStatusChanged statusChanged) => new()
    {
        Change = statusChanged.Change,
        OrderId = statusChanged.OrderId,
        CustomerId = statusChanged.CustomerId,
        OrderNumber = statusChanged.OrderNumber,
        PreviousStatus = statusChanged.PreviousStatus,
    };

    /// <summary>An order's whole life in stream order: placed (v1), paid (v2), shipped with TRK-1 (v3), delivered (v4).</summary>
    public static List<IChangeEvent> OrderHistory(string orderId, string customerId)
    {
        var paid = StatusChanged(orderId, customerId, 2, OrderStatuses.Placed, OrderStatuses.Paid);
        var shipped = StatusChanged(orderId, customerId, 3, OrderStatuses.Paid, OrderStatuses.Shipped);
        var delivered = StatusChanged(orderId, customerId, 4, OrderStatuses.Shipped, OrderStatuses.Delivered);
        return [Placed(orderId, customerId), paid, shipped, Shipped(shipped, "TRK-1"), delivered, Delivered(delivered)];
    }
}
