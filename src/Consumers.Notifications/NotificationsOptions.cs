using System.ComponentModel.DataAnnotations;

namespace Bus.Consumers.Notifications;

/// <summary>Settings of the Notifications service (configuration section <c>Notifications</c>).</summary>
public sealed class NotificationsOptions
{
    public const string SectionName = "Notifications";

    /// <summary>
    /// Retries of a domain message after the first attempt, mainly an order event whose customer's contact has not
    /// arrived yet (different DynamoDB items are not ordered relative to each other). Exponential back-off with jitter.
    /// </summary>
    [Range(1, 50)]
    public int ContactRetryLimit { get; set; } = 8;

    /// <summary>Smallest wait between two attempts.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan ContactRetryMinInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Largest wait between two attempts.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan ContactRetryMaxInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Growth step of the wait: attempt <c>n</c> waits about min + 2^n × delta (capped at max), ±25 %.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan ContactRetryIntervalDelta { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Messages the domain endpoint handles at once. A message waiting for its contact holds one slot while it
    /// retries, so this must leave room for the customer events that end the wait.
    /// </summary>
    [Range(1, 1024)]
    public int DomainConcurrencyLimit { get; set; } = 16;

    /// <summary>Calls each gateway endpoint makes to its external system at once.</summary>
    [Range(1, 256)]
    public int GatewayConcurrencyLimit { get; set; } = 4;

    /// <summary>How long inbox rows are kept to recognise copies of a message; effects stay unique beyond it.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan DuplicateDetectionWindow { get; set; } = TimeSpan.FromDays(7);
}
