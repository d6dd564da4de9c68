namespace Bus.Demo.Replay;

public enum DemoStage
{
    Starting,
    Replaying,
    Waiting,
    Redelivering,
    Done,
}

/// <summary>Where a run is: what a progress display shows.</summary>
/// <param name="Stage">The current stage.</param>
/// <param name="File">The file being replayed or waited for.</param>
/// <param name="RecordsDone">Records run through the bridge so far (the redelivered batch not included).</param>
/// <param name="RecordsTotal">Records in every file.</param>
/// <param name="MessagesConsumed">Messages the services have consumed so far.</param>
public sealed record DemoProgressUpdate(DemoStage Stage, string? File, int RecordsDone, int RecordsTotal, long MessagesConsumed);
