namespace Bus.StreamBridge.Pipeline;

/// <summary>What translation made of one record.</summary>
public enum ChangeOutcome
{
    /// <summary>Translated into zero or more events.</summary>
    Translated,

    /// <summary>No route matches the table or item; handled by the configured <c>Unrouted</c> policy.</summary>
    Unrouted,

    /// <summary>Enrichment found the item already deleted; the later REMOVE record carries the change.</summary>
    ItemGone,
}
