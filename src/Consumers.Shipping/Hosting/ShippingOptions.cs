using System.ComponentModel.DataAnnotations;
using Bus.Messaging.Gateway;

namespace Bus.Consumers.Shipping.Hosting;

/// <summary>Endpoint settings of the shipping service (configuration section <c>Shipping</c>).</summary>
public sealed class ShippingOptions
{
    public const string SectionName = "Shipping";

    /// <summary>Redeliveries of a domain message that failed (optimistic-concurrency conflicts, a database hiccup).</summary>
    [Range(0, 20)]
    public int DomainRetryLimit { get; set; } = 5;

    /// <summary>Messages the domain endpoint handles at once.</summary>
    [Range(1, 256)]
    public int DomainConcurrencyLimit { get; set; } = 8;

    /// <summary>Redeliveries of a gateway command after the external system was unavailable (exponential, about 2 s growing
    /// to 30 s apart: 2-4 minutes with the default).</summary>
    [Range(0, 20)]
    public int GatewayRetryLimit { get; set; } = GatewayRetry.DefaultRetryLimit;

    /// <summary>Calls to the shipping system in flight at once per instance.</summary>
    [Range(1, 64)]
    public int GatewayConcurrencyLimit { get; set; } = 4;

    /// <summary>How long inbox rows are kept to recognise copies of a message; effects stay unique beyond it.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan DuplicateDetectionWindow { get; set; } = TimeSpan.FromDays(7);
}
