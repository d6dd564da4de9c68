namespace Bus.StreamBridge.Redrive;

/// <summary>What one redrive run did, record by record in redrive order.</summary>
public sealed record RedriveResult(IReadOnlyList<RedrivenRecord> Records)
{
    public int Found => Records.Count;

    public int Redriven => Count(RedriveOutcome.Redriven);

    /// <summary>Records still in the store because they failed (again, or were not attempted) or could not be read.</summary>
    public int StillFailing => Count(RedriveOutcome.FailedAgain) + Count(RedriveOutcome.StillFailing) + Count(RedriveOutcome.Unreadable);

    public int BeyondLimit => Count(RedriveOutcome.BeyondLimit);

    public int WouldRedrive => Count(RedriveOutcome.WouldRedrive);

    public int Unreadable => Count(RedriveOutcome.Unreadable);

    private int Count(RedriveOutcome outcome) => Records.Count(r => r.Outcome == outcome);
}
