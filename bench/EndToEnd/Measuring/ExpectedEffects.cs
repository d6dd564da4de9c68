using Bus.EndToEnd.Feeding;

namespace Bus.EndToEnd.Measuring;

/// <summary>
/// The external effects the published events call for, by the services' documented rules (docs/services/), for the
/// workload of <see cref="Workload.WorkloadGenerator"/>, in which every item's changes reach each service in stream order,
/// every order's customer is registered long before and never deleted, and every customer has an address, e-mail and phone:
/// <list type="table">
/// <item><term>CustomerRegistered, CustomerEmailChanged, CustomerMarketingConsentChanged</term><description>MarketingPlatform
/// <c>/contacts</c> (<c>marketing-contact-sync</c>); optional for a customer deleted in the run, whose queued sync the gateway
/// drops once the erasure has committed</description></item>
/// <item><term>CustomerDeleted</term><description>MarketingPlatform <c>/contacts/erase</c>, ShippingSystem <c>/addresses</c>
/// (erased)</description></item>
/// <item><term>CustomerRegistered with an address, CustomerAddressChanged</term><description>ShippingSystem <c>/addresses</c></description></item>
/// <item><term>OrderPlaced / OrderCancelled</term><description>ShippingSystem <c>/shipments</c> / <c>/shipments/cancel</c></description></item>
/// <item><term>OrderShipped / OrderDelivered / LowStockDetected</term><description>Email <c>/emails</c> / Sms <c>/sms</c> /
/// Purchasing <c>/alerts</c></description></item>
/// </list>
/// Every other event (phone changes, status changes, stock levels, discontinued products) causes no external call.
/// </summary>
internal static class ExpectedEffects
{
    public static IReadOnlyDictionary<string, ExpectedEffect> For(IReadOnlyList<PublishedEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var deleted = events.Where(e => e.EventType == "CustomerDeleted").Select(e => e.CustomerId).ToHashSet(StringComparer.Ordinal);
        var expected = new Dictionary<string, ExpectedEffect>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            foreach (var effect in Of(e, deleted))
            {
                expected[effect.Key] = effect;
            }
        }

        return expected;
    }

    private static IEnumerable<ExpectedEffect> Of(PublishedEvent e, HashSet<string?> deleted)
    {
        ExpectedEffect Effect(string system, string path, string effect, bool required = true) =>
            new(system, path, $"{effect}:{e.StreamEventId}:{e.EventType}", required);

        switch (e.EventType)
        {
            case "CustomerRegistered":
                yield return Effect("MarketingPlatform", "/contacts", "marketing-contact-sync", required: !deleted.Contains(e.CustomerId));
                if (e.HasAddress)
                {
                    yield return Effect("ShippingSystem", "/addresses", "shipping-address");
                }

                break;
            case "CustomerEmailChanged" or "CustomerMarketingConsentChanged":
                yield return Effect("MarketingPlatform", "/contacts", "marketing-contact-sync", required: !deleted.Contains(e.CustomerId));
                break;
            case "CustomerAddressChanged":
                yield return Effect("ShippingSystem", "/addresses", "shipping-address");
                break;
            case "CustomerDeleted":
                yield return Effect("MarketingPlatform", "/contacts/erase", "marketing-contact-erase");
                yield return Effect("ShippingSystem", "/addresses", "shipping-address");
                break;
            case "OrderPlaced":
                yield return Effect("ShippingSystem", "/shipments", "shipping-shipment");
                break;
            case "OrderCancelled":
                yield return Effect("ShippingSystem", "/shipments/cancel", "shipping-shipment-cancel");
                break;
            case "OrderShipped":
                yield return Effect("Email", "/emails", "notifications-shipment-email");
                break;
            case "OrderDelivered":
                yield return Effect("Sms", "/sms", "notifications-delivery-sms");
                break;
            case "LowStockDetected":
                yield return Effect("Purchasing", "/alerts", "notifications-purchasing-alert");
                break;
        }
    }

    /// <summary>The stream eventID inside an idempotency key <c>&lt;effect&gt;:&lt;eventID&gt;:&lt;event type&gt;</c>.</summary>
    public static string? EventIdOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var parts = key.Split(':');
        return parts.Length == 3 ? parts[1] : null;
    }
}
