using Bus.Consumers.Notifications.Orders;
using Bus.Consumers.Notifications.Tests.Infrastructure;

namespace Bus.Consumers.Notifications.Tests.Orders;

/// <summary>The texts customers receive, when the order lacks details.</summary>
public sealed class CustomerMessages_Specs
{
    [Fact]
    public void A_shipment_without_number_carrier_tracking_or_date_says_so_and_names_the_order_by_id()
    {
        var shipped = TestEvents.Shipped("O-9", "C-9") with { OrderNumber = null, Carrier = null, TrackingNumber = null, EstimatedDelivery = null };

        Assert.Equal("Your order O-9 has shipped", CustomerMessages.ShipmentSubject(shipped));
        Assert.Equal("Hello there,\n\nyour order O-9 is on its way.\nCarrier: not known yet\nTracking number: not available yet\nEstimated delivery: not known yet",
            CustomerMessages.ShipmentText(shipped, name: null));
    }

    [Fact]
    public void A_delivery_without_order_number_names_the_order_by_id()
    {
        Assert.Equal("Your order O-8 has been delivered. Thank you for your order!",
            CustomerMessages.DeliveryText(TestEvents.Delivered("O-8", "C-8") with { OrderNumber = null }));
    }
}
