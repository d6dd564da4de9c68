namespace Bus.StreamBridge.Redrive;

/// <summary>What redrive did with one stored record.</summary>
public enum RedriveOutcome
{
    /// <summary>Its events were published and confirmed (or configuration now skips it); it left the store.</summary>
    Redriven,

    /// <summary>It can still never succeed; it is in the store with the new reason.</summary>
    FailedAgain,

    /// <summary>It failed for a reason that may pass (publishing, enrichment), or was not attempted because an
    /// earlier record failed so; it stays in the store as it was.</summary>
    StillFailing,

    /// <summary>The entry could not be read; it stays in the store as it was.</summary>
    Unreadable,

    /// <summary>Not taken because of <c>--limit</c>; it stays in the store as it was.</summary>
    BeyondLimit,

    /// <summary>Dry run: it would have been redriven; it stays in the store as it was.</summary>
    WouldRedrive,
}
