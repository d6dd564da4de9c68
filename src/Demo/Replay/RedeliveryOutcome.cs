namespace Bus.Demo.Replay;

/// <summary>The batch delivered a second time, as Lambda does after a failed invocation: same records, so the same message ids.</summary>
public sealed record RedeliveryOutcome(string File, int Event, BatchTotals Totals, IReadOnlyList<FailedRecordReport> Failures);
