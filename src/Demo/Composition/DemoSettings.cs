namespace Bus.Demo.Composition;

/// <summary>How one demo run is set up.</summary>
public sealed record DemoSettings
{
    /// <summary>Where the services' SQLite files go; null makes a temporary directory that is removed at the end.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Where the bridge keeps records that can never succeed.</summary>
    public string FailedRecordsDirectory { get; init; } = "failed-records";

    /// <summary>Re-deliver the largest batch after the replay, as Lambda does when it retries a batch.</summary>
    public bool Redeliver { get; init; } = true;

    /// <summary>How long nothing may happen on the bus before the services count as quiet.</summary>
    public TimeSpan QuietPeriod { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long to wait for the services to go quiet after each file.</summary>
    public TimeSpan QuietTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>The services' and the bridge's log lines on standard error (at Information); none otherwise.</summary>
    public bool Verbose { get; init; }

    /// <summary>Settings applied over every part's own (<c>Section:Key</c>), e.g. retry intervals for a test.</summary>
    public IReadOnlyDictionary<string, string?> Overrides { get; init; } = new Dictionary<string, string?>();
}
