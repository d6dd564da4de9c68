namespace Bus.FaultInjection.Tests;

/// <summary>One run of the pipeline under faults: what is generated, how the stream is delivered, which service
/// processes run with which settings, and which faults are injected.</summary>
public sealed record ScenarioOptions
{
    /// <summary>Names the run's database, virtual host, queue prefix and directory.</summary>
    public required string Name { get; init; }

    public required GenerationPolicy Policy { get; init; }

    public required int Records { get; init; }

    public required TimeSpan GenerationTime { get; init; }

    public int DynamoDbShards { get; init; } = 4;

    public int KinesisShards { get; init; }

    /// <summary>Kinesis shards deliver some records twice and swap some of an item's records made in a row.</summary>
    public bool KinesisFaults { get; init; }

    /// <summary>The event source mapping's <c>BatchSize</c>.</summary>
    public int BatchSize { get; init; } = 100;

    /// <summary>The function's timeout: an invocation still running then is abandoned and its batch delivered again.</summary>
    public TimeSpan FunctionTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Share of invocations cut off after a few milliseconds.</summary>
    public double InjectedTimeoutRate { get; init; }

    /// <summary>Share of publishes failed with an error, and held until a time-out, by <see cref="FaultyPublisher"/>.</summary>
    public double PublishErrorRate { get; init; }

    public double PublishHangRate { get; init; }

    /// <summary>The bridge's <c>Bridge:PublishTimeout</c>.</summary>
    public TimeSpan PublishTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The service processes: instance name and project (two instances of one project share its queues).</summary>
    public required IReadOnlyList<(string Name, string Project)> Instances { get; init; }

    /// <summary>Settings given to every service process (environment variables, <c>Section__Key</c>).</summary>
    public IReadOnlyDictionary<string, string> ServiceSettings { get; init; } = new Dictionary<string, string>();

    /// <summary>SIGKILL the service processes, restart RabbitMQ and PostgreSQL, fault an external system.</summary>
    public bool Chaos { get; init; }

    public int Kills { get; init; }

    /// <summary>Compare the services' read models with the generated tables' final state.</summary>
    public bool CheckReadModels { get; init; }

    public required TimeSpan SettleTimeout { get; init; }

    public required int Seed { get; init; }

    public bool KeepData { get; init; }

    /// <summary>The whole run's upper bound (<see cref="RunSettings.RunLimit"/>); past it everything is stopped and the
    /// run fails.</summary>
    public required TimeSpan Limit { get; init; }
}
