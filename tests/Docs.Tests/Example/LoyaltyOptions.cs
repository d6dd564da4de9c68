using System.ComponentModel.DataAnnotations;

namespace Loyalty;

/// <summary>Settings of the Loyalty service (configuration section <c>Loyalty</c>).</summary>
public sealed class LoyaltyOptions
{
    public const string SectionName = "Loyalty";

    /// <summary>Order events the <c>loyalty</c> queue consumes at once.</summary>
    [Range(1, 256)]
    public int OrderConcurrency { get; set; } = 8;

    /// <summary>Calls to the loyalty platform in flight at once.</summary>
    [Range(1, 64)]
    public int GatewayConcurrency { get; set; } = 4;
}
