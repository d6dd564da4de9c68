namespace Bus.FaultInjection.Tests;

/// <summary>The checks of <see cref="LambdaRetryRun"/>; the run's report is printed with every result.</summary>
[Trait("Category", "Integration")]
[Trait("Category", "FaultInjection")]
[Collection(PrivateServerRuns.Name)]
public sealed class LambdaRetries_Specs(LambdaRetryRun run, ITestOutputHelper output) : IClassFixture<LambdaRetryRun>
{
    private RunOutcome Outcome => run.Outcome;

    [Fact]
    public void The_run_completes_within_its_limit_with_every_fault_injected()
    {
        output.WriteLine(Outcome.Report);
        Assert.True(Outcome.Failure is null, Outcome.Report);
        Assert.True(Outcome.InjectedPublishErrors > 0, "no publish error was injected\n" + Outcome.Report);
        Assert.True(Outcome.InjectedPublishHangs > 0, "no publish time-out was injected\n" + Outcome.Report);
        Assert.True(Outcome.InjectedTimeouts > 0, "no invocation timed out\n" + Outcome.Report);
        Assert.True(Outcome.PartialFailures > 0, "the bridge reported no batchItemFailures\n" + Outcome.Report);
        Assert.True(Outcome.KinesisCopies > 0, "Kinesis delivered no copy\n" + Outcome.Report);
        Assert.True(Outcome.KinesisSwaps > 0, "Kinesis swapped no records\n" + Outcome.Report);
        Assert.Empty(Outcome.ProtocolProblems);
        Assert.Empty(Outcome.UnexpectedExits);
    }

    [Fact]
    public void Every_expected_external_effect_was_performed_exactly_once()
    {
        Specs.EveryExpectedEffectExactlyOnce(Outcome, output);
    }

    [Fact]
    public void Every_consumer_applied_each_change_of_an_item_in_order()
    {
        Specs.InPerItemOrder(Outcome, output);
    }

    [Fact]
    public void No_message_is_left_in_any_queue_or_error_queue()
    {
        Specs.NoMessageLeft(Outcome, output);
    }

    [Fact]
    public void Each_read_model_equals_the_final_state_of_its_table()
    {
        Specs.ReadModelsMatch(Outcome, output);
    }

    [Fact]
    public void The_bridge_got_each_items_changes_to_the_broker_in_stream_order()
    {
        Specs.PublishedInStreamOrder(Outcome, output);
    }

    [Fact]
    public void Nothing_the_run_started_is_left_running()
    {
        Specs.NothingLeft(Outcome, output);
    }
}
