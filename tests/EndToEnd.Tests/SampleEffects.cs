namespace Bus.EndToEnd.Tests;

/// <summary>
/// What replaying <c>samples/</c> (in file-name order) must do at the external systems, worked out from the sample
/// records and the services' documented rules (docs/services/). Idempotency keys are
/// <c>&lt;effect&gt;:&lt;eventID of the stream record&gt;:&lt;event type&gt;</c>.
/// </summary>
/// <remarks>
/// The bridge publishes an item's events in stream order, but each service consumes its queue with several messages at
/// once, so two changes of one customer or order can be applied in either order. The services then converge on the
/// same state, yet the effects on the way may differ: a registration applied after a newer address change or after
/// the deletion is ignored (nothing pushed), a cancellation seen before the placement means no shipment is requested
/// at all, and a marketing sync still queued when the contact is erased is dropped. Those groups list both outcomes.
/// The kinesis-data-streams.json sample repeats records of dynamodb-new-and-old-images.json: the same message ids and
/// keys, so it must add nothing.
/// </remarks>
public static class SampleEffects
{
    // dynamodb-new-and-old-images.json
    private const string C1001Registered = "44809eba37a5e7e9471d006a33a3dfea";
    private const string C1002Registered = "9d0bc4f91488621c921ada7a7d503d27";
    private const string O5001Placed = "e7431bea1a1ed6d5c298f00213e283a8";
    private const string C1001EmailAndAddressChanged = "e437fc062ad8087e10ecb3a47df5af72"; // version 1 → 2
    private const string C1002PhoneAndConsentChanged = "ed24a9bf8c1ccdabdae8732cd3d80f3f"; // version 1 → 2
    private const string O5002Placed = "90344764a3b993775f36a0f3522265a6";
    private const string O5001Shipped = "94d4f7bae815fd9b29bb184ce6a606f8"; // PAID → SHIPPED
    private const string P300BelowThreshold = "f851fafa2231810805fe00de26ba692d"; // quantity 12 → 8, threshold 10
    private const string P301BelowThreshold = "158142ecbc97ce7d956b2e25c0c73449"; // quantity 15 → 6, threshold 6
    private const string O5002Cancelled = "f1e78a31ff901a5da96e96fcef9c552f"; // PLACED → CANCELLED
    private const string O5001Delivered = "22196219bc79b88deb7488a77b2fc7fa"; // SHIPPED → DELIVERED

    // dynamodb-new-image.json, dynamodb-old-image.json
    private const string C2001Registered = "5b8eda5aa06b8d05d7942a4dc4cbf066";
    private const string C2001Deleted = "fc8ba7fba14e0b73446ff58addb06c99"; // old image without a version

    // dynamodb-ttl-expiry.json
    private const string C1003Registered = "34f78e050996ee723315a529519e655c";
    private const string C1003ExpiredByTtl = "08ee29b77e5c41b38562822f51df33c2";
    private const string C1002Deleted = "fdc45efc090e4373dcd0fe9550ed6ffa"; // version 3

    // dynamodb-keys-only.json
    private const string C3001Deleted = "bf0803044fc71c7708c8b6afd4df58a5"; // a customer no service has seen

    public static IReadOnlyList<EffectGroup> Groups { get; } =
    [
        // Marketing: every applied registration, e-mail and consent change is synced; every deletion is erased.
        Exactly("MarketingPlatform", "C-1001 (never deleted)",
            Sync(C1001Registered, "CustomerRegistered"), Sync(C1001EmailAndAddressChanged, "CustomerEmailChanged")),
        // The syncs are dropped by the gateway when the erasure has committed before it handles them.
        Outcomes("MarketingPlatform", "C-1002 (deleted by the application)",
            [Erase(C1002Deleted)],
            [Erase(C1002Deleted), Sync(C1002Registered, "CustomerRegistered")],
            [Erase(C1002Deleted), Sync(C1002PhoneAndConsentChanged, "CustomerMarketingConsentChanged")],
            [Erase(C1002Deleted), Sync(C1002Registered, "CustomerRegistered"), Sync(C1002PhoneAndConsentChanged, "CustomerMarketingConsentChanged")]),
        Outcomes("MarketingPlatform", "C-1003 (expired by TTL)",
            [Erase(C1003ExpiredByTtl)],
            [Erase(C1003ExpiredByTtl), Sync(C1003Registered, "CustomerRegistered")]),
        Outcomes("MarketingPlatform", "C-2001 (NEW_IMAGE insert, OLD_IMAGE removal)",
            [Erase(C2001Deleted)],
            [Erase(C2001Deleted), Sync(C2001Registered, "CustomerRegistered")]),
        Exactly("MarketingPlatform", "C-3001 (KEYS_ONLY removal)", Erase(C3001Deleted)),

        // Shipping: addresses pushed when newer; an erasure pushed only when the shipping system had an address.
        Outcomes("ShippingSystem", "C-1001 address",
            [Address(C1001Registered, "CustomerRegistered"), Address(C1001EmailAndAddressChanged, "CustomerAddressChanged")],
            [Address(C1001EmailAndAddressChanged, "CustomerAddressChanged")]),
        Outcomes("ShippingSystem", "C-1002 address",
            [Address(C1002Registered, "CustomerRegistered"), Address(C1002Deleted, "CustomerDeleted")],
            []),
        Outcomes("ShippingSystem", "C-1003 address",
            [Address(C1003Registered, "CustomerRegistered"), Address(C1003ExpiredByTtl, "CustomerDeleted")],
            []),
        Outcomes("ShippingSystem", "C-2001 address",
            [Address(C2001Registered, "CustomerRegistered"), Address(C2001Deleted, "CustomerDeleted")],
            []),
        Exactly("ShippingSystem", "O-5001 shipment", ("/shipments", $"shipping-shipment:{O5001Placed}:OrderPlaced")),
        Outcomes("ShippingSystem", "O-5002 shipment (cancelled)",
            [("/shipments", $"shipping-shipment:{O5002Placed}:OrderPlaced"), ("/shipments/cancel", $"shipping-shipment-cancel:{O5002Cancelled}:OrderCancelled")],
            []),

        // Notifications: C-1001 has an e-mail address and a phone number whichever order its changes arrive in.
        Exactly("Email", "O-5001 shipped", ("/emails", $"notifications-shipment-email:{O5001Shipped}:OrderShipped")),
        Exactly("Sms", "O-5001 delivered", ("/sms", $"notifications-delivery-sms:{O5001Delivered}:OrderDelivered")),
        Exactly("Purchasing", "P-300 and P-301 below their thresholds",
            ("/alerts", $"notifications-purchasing-alert:{P300BelowThreshold}:LowStockDetected"),
            ("/alerts", $"notifications-purchasing-alert:{P301BelowThreshold}:LowStockDetected")),
    ];

    public static IReadOnlyList<string> Systems { get; } = ["MarketingPlatform", "ShippingSystem", "Email", "Sms", "Purchasing"];

    private static (string, string) Sync(string eventId, string eventType) => ("/contacts", $"marketing-contact-sync:{eventId}:{eventType}");

    private static (string, string) Erase(string eventId) => ("/contacts/erase", $"marketing-contact-erase:{eventId}:CustomerDeleted");

    private static (string, string) Address(string eventId, string eventType) => ("/addresses", $"shipping-address:{eventId}:{eventType}");

    private static EffectGroup Exactly(string system, string entity, params (string Path, string Key)[] effects) =>
        new(system, entity, [effects.ToHashSet()]);

    private static EffectGroup Outcomes(string system, string entity, params (string Path, string Key)[][] outcomes) =>
        new(system, entity, outcomes.Select(outcome => (IReadOnlySet<(string Path, string Key)>)outcome.ToHashSet()).ToList());
}
