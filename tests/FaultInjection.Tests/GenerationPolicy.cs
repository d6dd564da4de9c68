namespace Bus.FaultInjection.Tests;

/// <summary>
/// What the generator may do without making the expected effects depend on the order in which a service happens to
/// apply one item's changes (docs/running.md, "Why the counts vary"). A change is <em>gated</em> when its effects
/// depend on the item's earlier changes having been applied: the generator makes it only once every effect of the
/// item's earlier changes has been seen at the stand-ins, which proves the service applied them. Changes whose effects
/// cannot depend on order (a phone number, an order's status steps, a stock change that crosses no threshold) are never
/// held back, so hot items still get interleaved changes in one batch.
/// </summary>
public sealed record GenerationPolicy
{
    /// <summary>
    /// Gate e-mail, consent and address changes of a customer and threshold crossings of a product. Needed when a
    /// service applies several messages at once (its defaults, several instances); the Lambda retry run switches it off
    /// and runs Marketing and Notifications with one message at a time instead, so that per-item order is observable.
    /// </summary>
    public bool GateOrderSensitiveChanges { get; init; } = true;

    /// <summary>Address changes after the registration. Off where Shipping (several messages at once) could apply two
    /// of them in either order and nothing gates them.</summary>
    public bool AddressChanges { get; init; } = true;

    /// <summary>Share of records per table.</summary>
    public double CustomerShare { get; init; } = 0.35;

    public double OrderShare { get; init; } = 0.40;

    /// <summary>Items that get a large share of their table's changes, often several in a row (bursts).</summary>
    public int HotCustomers { get; init; } = 8;

    public int HotProducts { get; init; } = 6;

    /// <summary>Probability that a change of a hot item comes with one to three more of the same item right after it.</summary>
    public double BurstProbability { get; init; } = 0.4;

    /// <summary>The pipeline run: default consumers (several messages at once, several instances), gating on.</summary>
    public static GenerationPolicy Concurrent { get; } = new();

    /// <summary>The Lambda retry run: Marketing and Notifications apply one message at a time, so order-sensitive changes
    /// go ungated and in bursts; Shipping keeps its concurrency, so customers keep their registration address.</summary>
    public static GenerationPolicy Sequential { get; } = new()
    {
        GateOrderSensitiveChanges = false,
        AddressChanges = false,
        CustomerShare = 0.45,
        OrderShare = 0.25,
        BurstProbability = 0.6,
    };
}
