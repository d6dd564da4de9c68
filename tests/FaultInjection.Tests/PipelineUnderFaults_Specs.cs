namespace Bus.FaultInjection.Tests;

/// <summary>The checks of <see cref="PipelineRun"/>; the run's report is printed with every result.</summary>
[Trait("Category", "Integration")]
[Trait("Category", "FaultInjection")]
[Collection(PrivateServerRuns.Name)]
public sealed class PipelineUnderFaults_Specs(PipelineRun run, ITestOutputHelper output) : IClassFixture<PipelineRun>
{
    private RunOutcome Outcome => run.Outcome;

    [Fact]
    public void The_run_completes_within_its_limit_with_every_fault_injected()
    {
        output.WriteLine(Outcome.Report);
        Assert.True(Outcome.Failure is null, Outcome.Report);
        Assert.True(Outcome.Kills >= run.Options.Kills, $"{Outcome.Kills} of {run.Options.Kills} kills done\n{Outcome.Report}");
        foreach (var instance in run.Options.Instances)
            Assert.Contains(Outcome.FaultLog, line => line.Contains($"SIGKILL {instance.Name} ", StringComparison.Ordinal));
        Assert.Contains(Outcome.FaultLog, line => line.Contains("RabbitMQ accepting connections again", StringComparison.Ordinal));
        Assert.Contains(Outcome.FaultLog, line => line.Contains("PostgreSQL accepting connections again", StringComparison.Ordinal));
        Assert.Contains(Outcome.FaultLog, line => line.Contains("answering normally again", StringComparison.Ordinal));
        Assert.True(Outcome.Performed.Values.Sum(s => s.Rejected) > 0, "the outage refused no call\n" + Outcome.Report);
        Assert.Empty(Outcome.ProtocolProblems);
        // A start-up that fails while PostgreSQL or RabbitMQ restarts ends the process (its restart policy starts it
        // again); a running service must ride out the restarts.
        Assert.DoesNotContain(Outcome.UnexpectedExits, exit => exit.Contains("while running", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_expected_external_effect_was_performed_exactly_once()
    {
        Specs.EveryExpectedEffectExactlyOnce(Outcome, output);
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
    public void The_effects_of_each_item_arrived_in_the_order_of_its_changes()
    {
        Specs.InPerItemOrder(Outcome, output);
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
