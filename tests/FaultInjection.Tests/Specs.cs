namespace Bus.FaultInjection.Tests;

/// <summary>The checks both runs make, on their <see cref="RunOutcome"/>.</summary>
public static class Specs
{
    public static void EveryExpectedEffectExactlyOnce(RunOutcome outcome, ITestOutputHelper output)
    {
        RunCompleted(outcome, output);
        Assert.True(outcome.Expected.Count > 0, "the run expected no effect at all\n" + outcome.Report);
        Assert.True(outcome.Missing.Count == 0, $"{outcome.Missing.Count} expected effects were not performed\n{outcome.Report}");
        Assert.True(outcome.Unexpected.Count == 0, $"{outcome.Unexpected.Count} effects no change called for were performed\n{outcome.Report}");
        Assert.True(outcome.Doubled.Count == 0, $"{outcome.Doubled.Count} effects were recorded twice\n{outcome.Report}");
        Assert.Equal(outcome.Expected.Count, outcome.Performed.Values.Sum(s => s.Performed));
        Assert.True(outcome.Settled, outcome.Report);
        Assert.Equal(0, outcome.StoredRecords);
    }

    public static void NoMessageLeft(RunOutcome outcome, ITestOutputHelper output)
    {
        RunCompleted(outcome, output);
        Assert.Contains(outcome.Queues, q => q.Name == outcome.Name + "-marketing");
        var errors = outcome.Queues.Where(q => q.Name.EndsWith("_error", StringComparison.Ordinal) && q.Ready + q.Unacknowledged > 0).ToList();
        Assert.True(errors.Count == 0, "messages in _error queues:\n" + string.Join('\n', outcome.ErrorQueueMessages) + "\n" + outcome.Report);
        var busy = outcome.Queues.Where(q => q.Ready + q.Unacknowledged > 0).ToList();
        Assert.True(busy.Count == 0, "messages left: " + string.Join(", ", busy.Select(q => $"{q.Name} {q.Ready + q.Unacknowledged}")));
    }

    public static void ReadModelsMatch(RunOutcome outcome, ITestOutputHelper output)
    {
        RunCompleted(outcome, output);
        Assert.True(outcome.ReadModelRowsChecked > 0, "no read-model row was compared\n" + outcome.Report);
        Assert.True(outcome.ReadModelMismatches.Count == 0, string.Join('\n', outcome.ReadModelMismatches.Take(50)) + "\n" + outcome.Report);
    }

    public static void InPerItemOrder(RunOutcome outcome, ITestOutputHelper output)
    {
        RunCompleted(outcome, output);
        Assert.True(outcome.OrderViolations.Count == 0, string.Join('\n', outcome.OrderViolations.Take(50)) + "\n" + outcome.Report);
    }

    public static void PublishedInStreamOrder(RunOutcome outcome, ITestOutputHelper output)
    {
        RunCompleted(outcome, output);
        Assert.True(outcome.PublishedMessages > 0, "the probe queue received nothing\n" + outcome.Report);
        Assert.True(outcome.PublishOrderViolations.Count == 0, string.Join('\n', outcome.PublishOrderViolations.Take(50)) + "\n" + outcome.Report);
    }

    /// <summary>Prints the run's report and fails when the run itself did not complete.</summary>
    private static void RunCompleted(RunOutcome outcome, ITestOutputHelper output)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine(outcome.Report);
        Assert.True(outcome.Failure is null, outcome.Report);
    }

    public static void NothingLeft(RunOutcome outcome, ITestOutputHelper output)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(output);
        Assert.True(outcome.LeftProcesses.Count == 0, string.Join('\n', outcome.LeftProcesses));
    }
}
