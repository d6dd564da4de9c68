namespace Bus.StreamBridge.Configuration;

/// <summary>What happens to a record of a table (or item) that no route matches.</summary>
public enum UnroutedPolicy
{
    /// <summary>Count it (metric <c>bus.bridge.records.skipped</c>) and acknowledge it.</summary>
    Skip,

    /// <summary>Keep it in the failed-record store, so it can be replayed once a route exists.</summary>
    Store,
}
