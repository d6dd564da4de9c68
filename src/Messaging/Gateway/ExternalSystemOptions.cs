using System.ComponentModel.DataAnnotations;

namespace Bus.Messaging.Gateway;

/// <summary>One external system reached over signed webhooks (configuration <c>ExternalSystems:&lt;name&gt;</c>).</summary>
public sealed class ExternalSystemOptions
{
    /// <summary>Base address; request paths are relative to it.</summary>
    [Required]
    public Uri? BaseUrl { get; set; }

    /// <summary>Shared secret for the <c>X-Bus-Signature</c> HMAC-SHA256 header.</summary>
    [Required]
    [MinLength(16)]
    public string SigningSecret { get; set; } = string.Empty;

    /// <summary>Kill switch: false stops every call (they fail as transient and are retried later).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Time allowed for one HTTP attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:05:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries of one call after the first attempt (exponential back-off with jitter); at least 1, the
    /// retry strategy's own minimum.</summary>
    [Range(1, 20)]
    public int MaxRetryAttempts { get; set; } = 4;

    /// <summary>Delay before the first retry; later ones grow exponentially.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Failure ratio within the sampling window that opens the circuit.</summary>
    [Range(0.01, 1.0)]
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Calls in the sampling window before the circuit may open.</summary>
    [Range(2, 10_000)]
    public int BreakerMinimumThroughput { get; set; } = 20;

    /// <summary>How long an open circuit rejects calls before it tries again.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Rate limit: calls per second to this system (back-pressure on the consumer).</summary>
    [Range(1, 100_000)]
    public int PermitsPerSecond { get; set; } = 100;

    /// <summary>Calls that may wait for a permit before further ones are rejected.</summary>
    [Range(0, 100_000)]
    public int QueueLimit { get; set; } = 1000;
}
