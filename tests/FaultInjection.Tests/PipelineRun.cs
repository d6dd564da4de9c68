namespace Bus.FaultInjection.Tests;

/// <summary>
/// The full pipeline under faults (issue 5, "Fault injection", first and third bullets): a steady stream of changes
/// to the three tables through the bridge onto RabbitMQ, consumed by Marketing, Notifications and two Shipping
/// processes on one queue, while the processes are SIGKILLed and restarted, RabbitMQ and PostgreSQL are restarted and
/// an external system fails and times out for a while.
/// </summary>
public sealed class PipelineRun(ServersFixture servers) : IAsyncLifetime
{
    public ScenarioOptions Options { get; } = new()
    {
        Name = "pipeline",
        Policy = GenerationPolicy.Concurrent,
        Records = servers.Settings.Records,
        GenerationTime = servers.Settings.GenerationTime,
        DynamoDbShards = 4,
        BatchSize = 100,
        PublishTimeout = TimeSpan.FromSeconds(5),
        Instances =
        [
            ("marketing", "Consumers.Marketing"),
            ("shipping-1", "Consumers.Shipping"),
            ("shipping-2", "Consumers.Shipping"),
            ("notifications", "Consumers.Notifications"),
        ],
        // Time-outs of the faulted external system show after 2 s instead of the default 10 s, so a call with all its
        // retries takes at most about 13 s, and Marketing may take over a dead copy's claim after 30 s, not 5 minutes.
        ServiceSettings = new[] { "MarketingPlatform", "ShippingSystem", "Email", "Sms", "Purchasing" }
            .ToDictionary(system => $"ExternalSystems__{system}__AttemptTimeout", _ => "00:00:02")
            .Append(new KeyValuePair<string, string>("Marketing__EffectClaimTimeout", "00:00:30"))
            .ToDictionary(),
        Chaos = true,
        Kills = servers.Settings.Kills,
        CheckReadModels = true,
        SettleTimeout = servers.Settings.SettleTimeout,
        Limit = servers.Settings.RunLimit(servers.Settings.GenerationTime),
        Seed = servers.Settings.Seed,
        KeepData = servers.Settings.KeepData,
    };

    public RunOutcome Outcome { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await using var faultRun = new FaultRun(servers, Options);
        Outcome = await faultRun.RunAsync();
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
