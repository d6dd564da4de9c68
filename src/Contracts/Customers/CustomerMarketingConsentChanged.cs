using MassTransit;

namespace Bus.Contracts.Customers;

/// <summary>
/// A customer's marketing consent changed: a modify of a Customers item whose <c>marketingOptIn</c> attribute
/// changed its effective value (an absent attribute counts as false).
/// </summary>
/// <remarks>
/// <see cref="MarketingOptIn"/> and <see cref="PreviousMarketingOptIn"/> always differ. A withdrawal
/// (<see cref="MarketingOptIn"/> false) must stop marketing to the customer.
/// </remarks>
[MessageUrn("Bus.Contracts.Customers:CustomerMarketingConsentChanged")]
[EntityName("Bus.Contracts.Customers:CustomerMarketingConsentChanged")]
public sealed record CustomerMarketingConsentChanged : IChangeEvent
{
    /// <inheritdoc/>
    public required ChangeMetadata Change { get; init; }

    /// <summary>The customer's id: the table's partition key <c>customerId</c>.</summary>
    public required string CustomerId { get; init; }

    /// <summary>The new consent: true when the customer now accepts marketing.</summary>
    public required bool MarketingOptIn { get; init; }

    /// <summary>The consent before the change (false when the attribute was absent).</summary>
    public required bool PreviousMarketingOptIn { get; init; }
}
