using Bus.Consumers.Shipping.Addresses;
using Bus.Consumers.Shipping.Gateway;
using Bus.Consumers.Shipping.Hosting;
using Bus.Consumers.Shipping.Persistence;
using Bus.Consumers.Shipping.Shipments;
using Bus.Consumers.Shipping.Tracking;
using Bus.Contracts;
using Bus.Contracts.Customers;
using Bus.Contracts.Orders;
using Bus.Messaging.Transport;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bus.ConsumerThroughput;

/// <summary>The Shipping service: customer and order events on <c>shipping</c> (address book, order tracking, shipment requests).</summary>
public sealed class ShippingBench : IBenchedService
{
    public string Name => ShippingServiceExtensions.ServiceName;

    public string ExternalSystem => ShippingSystem.Name;

    public string DomainQueue(string prefix) => $"{prefix}-{ShippingEndpoints.DomainName}";

    public IReadOnlyList<string> Queues(string prefix) => [$"{prefix}-{ShippingEndpoints.DomainName}", $"{prefix}-{ShippingEndpoints.GatewayName}"];

    public void AddWithInboxOutbox(IServiceCollection services, IConfiguration configuration)
    {
        services.AddShippingCore(configuration);
        services.AddBus(configuration, x => x.AddShippingConsumers(configuration));
    }

    public void AddWithoutInboxOutbox(IServiceCollection services, IConfiguration configuration)
    {
        services.AddShippingCore(configuration);
        services.AddBus(configuration, x =>
        {
            var domain = ShippingEndpoints.From(configuration).Domain;
            x.AddConfigureEndpointsCallback((context, name, cfg) =>
            {
                if (name != domain)
                    return;

                // ShippingServiceExtensions.AddShippingConsumers for this endpoint, minus UseEntityFrameworkOutbox.
                var retryLimit = context.GetRequiredService<IOptions<ShippingOptions>>().Value.DomainRetryLimit;
                cfg.UseMessageRetry(r => r.Exponential(retryLimit, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(100)));
            });

            x.AddConsumer<ShippingAddressBookConsumer, ShippingAddressBookConsumerDefinition>();
            x.AddConsumer<ShippingAddressErasureConsumer, ShippingAddressErasureConsumerDefinition>();
            x.AddConsumer<ShippingOrderTrackingConsumer, ShippingOrderTrackingConsumerDefinition>();
            x.AddConsumer<ShippingOrderPlacedConsumer, ShippingOrderPlacedConsumerDefinition>();
            x.AddConsumer<ShippingOrderCancelledConsumer, ShippingOrderCancelledConsumerDefinition>();
            x.AddConsumer<ShippingSystemGatewayConsumer, ShippingSystemGatewayConsumerDefinition>();
        });
    }

    /// <summary>
    /// Per twenty events: six registrations with an address and four address changes (each pushes an address), six placed
    /// orders (tracking row + shipment request), three status changes and one cancellation of an order not seen yet (tracking
    /// row + a remembered cancellation, no call). Every event is on its own customer or order.
    /// </summary>
    public IReadOnlyList<BenchEvent> Events(int count)
    {
        var events = new List<BenchEvent>(count);
        for (var i = 0; i < count; i++)
        {
            var customer = Change.Id("bench-customer", i);
            var order = Change.Id("bench-order", i);
            var address = new PostalAddress { Street = $"{i} Rue du Banc", City = "Lyon", PostalCode = "69001", Country = "FR" };
            events.Add((i % 20) switch
            {
                < 6 => BenchEvent.Of(i, new CustomerRegistered
                {
                    Change = Change.Of("Customers", $"customerId={customer}", i, 1, ChangeKind.Insert),
                    CustomerId = customer,
                    Email = $"{customer}@example.com",
                    Name = "Bench Customer",
                    Address = address,
                    MarketingOptIn = false,
                }),
                < 10 => BenchEvent.Of(i, new CustomerAddressChanged
                {
                    Change = Change.Of("Customers", $"customerId={customer}", i, 2, ChangeKind.Modify),
                    CustomerId = customer,
                    Address = address,
                }),
                < 16 => BenchEvent.Of(i, new OrderPlaced
                {
                    Change = Change.Of("Orders", $"orderId={order}", i, 1, ChangeKind.Insert),
                    OrderId = order,
                    CustomerId = customer,
                    OrderNumber = "N-" + order,
                    Status = OrderStatuses.Placed,
                    Total = 25.50m,
                    Items = [new OrderLine { Sku = "SKU-1", Quantity = 2, UnitPrice = 10.25m }, new OrderLine { Sku = "SKU-2", Quantity = 1, UnitPrice = 5.00m }],
                }),
                < 19 => BenchEvent.Of(i, new OrderStatusChanged
                {
                    Change = Change.Of("Orders", $"orderId={order}", i, 2, ChangeKind.Modify),
                    OrderId = order,
                    CustomerId = customer,
                    OrderNumber = "N-" + order,
                    PreviousStatus = OrderStatuses.Placed,
                    Status = OrderStatuses.Paid,
                }),
                _ => BenchEvent.Of(i, new OrderCancelled
                {
                    Change = Change.Of("Orders", $"orderId={order}", i, 2, ChangeKind.Modify),
                    OrderId = order,
                    CustomerId = customer,
                    OrderNumber = "N-" + order,
                    PreviousStatus = OrderStatuses.Placed,
                }),
            });
        }

        return events;
    }

    public async Task<IReadOnlyDictionary<string, int>> RowCounts(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShippingDbContext>();
        return new Dictionary<string, int>
        {
            ["addresses"] = await db.ShippingAddresses.CountAsync(x => x.CustomerId.StartsWith("bench-"), cancellationToken),
            ["orderTracking"] = await db.OrderTracking.CountAsync(x => x.OrderId.StartsWith("bench-"), cancellationToken),
            ["shipmentRequests"] = await db.ShipmentRequests.CountAsync(x => x.OrderId.StartsWith("bench-"), cancellationToken),
        };
    }

    public IReadOnlyDictionary<string, int> ExpectedRowCounts(IReadOnlyList<BenchEvent> events)
    {
        int Of(params string[] kinds) => events.Count(e => kinds.Contains(e.Kind));
        return new Dictionary<string, int>
        {
            ["addresses"] = Of(nameof(CustomerRegistered), nameof(CustomerAddressChanged)),
            ["orderTracking"] = Of(nameof(OrderPlaced), nameof(OrderStatusChanged), nameof(OrderCancelled)),
            ["shipmentRequests"] = Of(nameof(OrderPlaced), nameof(OrderCancelled)),
        };
    }

    /// <summary>An address push per registration with an address and per address change, a shipment per placed order; the
    /// cancellation of an order not seen yet calls nothing.</summary>
    public int ExpectedCalls(IReadOnlyList<BenchEvent> events) =>
        events.Count(e => e.Kind is nameof(CustomerRegistered) or nameof(CustomerAddressChanged) or nameof(OrderPlaced));
}
