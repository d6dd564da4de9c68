namespace Bus.Demo.Replay;

/// <summary>What the bridge made of one batch file.</summary>
public sealed record FileOutcome(string Path, BatchTotals Totals, IReadOnlyList<FailedRecordReport> Failures)
{
    public string Name => System.IO.Path.GetFileName(Path);
}
