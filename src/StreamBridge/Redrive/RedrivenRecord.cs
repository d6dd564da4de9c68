namespace Bus.StreamBridge.Redrive;

/// <summary>A stored record and what redrive did with it.</summary>
/// <param name="Record">The entry as it was read.</param>
/// <param name="Outcome">What happened.</param>
/// <param name="Reason">The new reason for <see cref="RedriveOutcome.FailedAgain"/> and
/// <see cref="RedriveOutcome.StillFailing"/>, the problem for <see cref="RedriveOutcome.Unreadable"/>; null otherwise.</param>
public sealed record RedrivenRecord(StoredRecord Record, RedriveOutcome Outcome, string? Reason);
