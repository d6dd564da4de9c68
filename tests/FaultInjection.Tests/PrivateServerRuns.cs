namespace Bus.FaultInjection.Tests;

/// <summary>
/// The runs share the private servers and take turns: the pipeline run restarts RabbitMQ and PostgreSQL, which the
/// Lambda retry run must not feel (its per-item order check assumes nothing but its own faults).
/// </summary>
[CollectionDefinition(Name)]
public sealed class PrivateServerRuns
{
    public const string Name = "private servers";
}
