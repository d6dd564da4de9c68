using System.Collections.Concurrent;
using Bus.Consumers.Shipping.Gateway;
using Bus.Consumers.Shipping.Tests.Infrastructure;
using Bus.Contracts.Orders;
using Bus.TestSupport;

namespace Bus.Consumers.Shipping.Tests.Harness;

/// <summary>The service's logs, at every level, name customers and orders by id only: no street address, e-mail or name.</summary>
public sealed class PersonalDataInLogs_Specs : IAsyncLifetime
{
    private ShippingHarness _service = null!;

    public async ValueTask InitializeAsync() => _service = await ShippingHarness.Start();

    public ValueTask DisposeAsync() => _service.DisposeAsync();

    [Fact]
    public async Task Addresses_and_orders_with_failing_shipping_system_calls_log_no_personal_data()
    {
        // Each endpoint of the shipping system fails once before it succeeds, so the retry and failure paths log too.
        var failed = new ConcurrentDictionary<string, bool>();
        _service.ShippingSystem.Responder = r => failed.TryAdd(r.Path, true) ? 503 : 200;

        await _service.PublishAndWait(Events.Registered("C-1", 1, Events.Address("12 Rue des Lilas")));
        await _service.PublishAndWait(Events.AddressChanged("C-1", 2, Events.Address("34 Avenue Foch")));
        await _service.PublishAndWait(Events.Placed("O-1", "C-1"), consumers: 2);
        await _service.PublishAndWait(Events.Cancelled(Events.StatusChanged("O-1", "C-1", 3, OrderStatuses.Paid, OrderStatuses.Cancelled)), consumers: 2);
        await _service.PublishAndWait(Events.Deleted("C-1", 5));
        await Eventually.True(() => Succeeded(ShippingSystem.AddressesPath) == 3 && Succeeded(ShippingSystem.ShipmentsPath) == 1
                && Succeeded(ShippingSystem.CancelShipmentPath) == 1,
            "the shipping system received both addresses, the erasure, the shipment and its cancellation");

        Assert.Equal([ShippingSystem.AddressesPath, ShippingSystem.ShipmentsPath, ShippingSystem.CancelShipmentPath], failed.Keys.Order(StringComparer.Ordinal));
        _service.Logs.AssertNoLineContains("12 Rue des Lilas", "34 Avenue Foch", "someone@example.com", "Some One");
    }

    /// <summary>Requests to <paramref name="path"/> after its one failure.</summary>
    private int Succeeded(string path) => _service.ShippingSystem.Requests.Count(r => r.Path == path) - 1;
}
