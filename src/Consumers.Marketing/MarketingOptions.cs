using System.ComponentModel.DataAnnotations;

namespace Bus.Consumers.Marketing;

/// <summary>Settings of the Marketing service (configuration section <c>Marketing</c>).</summary>
public sealed class MarketingOptions
{
    public const string SectionName = "Marketing";

    /// <summary>Customer events handled at once on the <c>marketing</c> endpoint.</summary>
    [Range(1, 256)]
    public int ContactConcurrency { get; set; } = 8;

    /// <summary>Calls to the marketing platform in flight at once per instance (back-pressure on the gateway queue).</summary>
    [Range(1, 256)]
    public int GatewayConcurrency { get; set; } = 4;

    /// <summary>
    /// How long a gateway copy may hold the claim on an effect before another copy may take it over (a crash between the
    /// call and recording it). Longer than one call with all of the webhook client's retries.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan EffectClaimTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long inbox rows are kept to recognise copies of a message; effects stay unique beyond it.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan DuplicateDetectionWindow { get; set; } = TimeSpan.FromDays(7);
}
