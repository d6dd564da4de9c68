namespace Bus.FaultInjection.Tests;

/// <summary>
/// Lambda's retry semantics (issue 5, "Fault injection", second bullet): publishes fail with errors and time-outs at
/// random records, invocations time out part-way through their batch, Lambda delivers batches again from the
/// checkpoint the bridge reports, and two of the four shards are Kinesis shards that deliver some records twice and
/// swap some of an item's records made in a row. Marketing and Notifications apply one message at a time
/// (<c>ContactConcurrency</c>, <c>DomainConcurrencyLimit</c> and their gateways' limits at 1), so every change they
/// receive out of order shows as a missing or misplaced effect; the generator makes their order-sensitive changes
/// without waiting, in bursts that land in one batch.
/// </summary>
public sealed class LambdaRetryRun(ServersFixture servers) : IAsyncLifetime
{
    public ScenarioOptions Options { get; } = new()
    {
        Name = "lambda-retries",
        Policy = GenerationPolicy.Sequential,
        Records = servers.Settings.RetryRecords,
        GenerationTime = servers.Settings.RetryGenerationTime,
        DynamoDbShards = 2,
        KinesisShards = 2,
        KinesisFaults = true,
        BatchSize = 40,
        FunctionTimeout = TimeSpan.FromSeconds(30),
        InjectedTimeoutRate = 0.06,
        PublishErrorRate = 0.04,
        PublishHangRate = 0.02,
        PublishTimeout = TimeSpan.FromSeconds(1),
        Instances =
        [
            ("marketing", "Consumers.Marketing"),
            ("shipping", "Consumers.Shipping"),
            ("notifications", "Consumers.Notifications"),
        ],
        ServiceSettings = new Dictionary<string, string>
        {
            ["Marketing__ContactConcurrency"] = "1",
            ["Marketing__GatewayConcurrency"] = "1",
            ["Notifications__DomainConcurrencyLimit"] = "1",
            ["Notifications__GatewayConcurrencyLimit"] = "1",
        },
        CheckReadModels = true,
        SettleTimeout = servers.Settings.SettleTimeout,
        Limit = servers.Settings.RunLimit(servers.Settings.RetryGenerationTime),
        Seed = servers.Settings.Seed + 1,
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
