using System.Net;
using System.Net.Http.Json;
using Bus.Consumers.Shipping.Tests.Infrastructure;
using Bus.Consumers.Shipping.Tracking;
using Bus.Contracts.Orders;
using Bus.TestSupport;
using MassTransit;

namespace Bus.Consumers.Shipping.Tests.Harness;

/// <summary>The service host as Program.cs builds it, on the in-memory transport and an SQLite file, serving HTTP on loopback.</summary>
public sealed class ReadEndpoint_Specs : IAsyncLifetime
{
    private ShippingHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await ShippingHost.Start(ShippingHost.EmbeddedSettings());
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task Tracking_row_of_an_order_is_served_as_json()
    {
        var bus = _host.Bus;
        var shipped = Events.StatusChanged("O-1", "C-1", 3, OrderStatuses.Paid, OrderStatuses.Shipped);
        await bus.Publish(Events.Placed("O-1", "C-1"), TestContext.Current.CancellationToken);
        await bus.Publish(shipped, TestContext.Current.CancellationToken);
        await bus.Publish(Events.Shipped(shipped, "TRK-1"), TestContext.Current.CancellationToken);

        OrderTrackingView? view = null;
        await Eventually.True(async () =>
        {
            using var response = await _host.Http.GetAsync(new Uri("/orders/O-1", UriKind.Relative));
            view = response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<OrderTrackingView>() : null;
            return view?.TrackingNumber is not null && view.PlacedAt is not null;
        }, "the order was tracked");

        Assert.Equal(new OrderTrackingView("O-1", "C-1", "N-O-1", OrderStatuses.Shipped, "TRK-1", "UPS", new DateOnly(2026, 3, 5),
            Events.At(1), Events.At(3)), view);
    }

    [Fact]
    public async Task Unknown_order_is_not_found()
    {
        using var response = await _host.Http.GetAsync(new Uri("/orders/O-none", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
