namespace Bus.StandIns.Faults;

/// <summary>
/// A fault injected into one stand-in (the body of <c>PUT /_faults/&lt;System&gt;</c>). While active, every request
/// waits <see cref="DelayMs"/> and then, with probability <see cref="FailureRate"/>, is answered
/// <see cref="StatusCode"/> without being performed.
/// </summary>
public sealed record FaultSettings
{
    /// <summary>Share of requests failed, 0 (none) to 1 (all).</summary>
    public double FailureRate { get; init; }

    /// <summary>Status of a failed request, 400..599.</summary>
    public int StatusCode { get; init; } = 503;

    /// <summary>Milliseconds every request is held before it is answered; a caller that gives up meanwhile counts as rejected.</summary>
    public int DelayMs { get; init; }

    /// <summary>When the fault ends by itself; null keeps it until <c>DELETE /_faults/&lt;System&gt;</c>.</summary>
    public DateTimeOffset? UntilUtc { get; init; }

    /// <summary>Every problem with these settings, empty when they are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (double.IsNaN(FailureRate) || FailureRate is < 0 or > 1)
        {
            problems.Add($"failureRate {FailureRate} is outside 0..1");
        }

        if (StatusCode is < 400 or > 599)
        {
            problems.Add($"statusCode {StatusCode} is not an error status (400..599)");
        }

        if (DelayMs is < 0 or > 600_000)
        {
            problems.Add($"delayMs {DelayMs} is outside 0..600000");
        }

        return problems;
    }
}
