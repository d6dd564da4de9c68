namespace Bus.StreamBridge.Configuration;

/// <summary>Where records that can never succeed are kept for replay.</summary>
public enum FailedRecordStoreKind
{
    /// <summary>One JSON file per record in a directory (CLI and local runs).</summary>
    File,

    /// <summary>A durable queue on the configured broker (production).</summary>
    Queue,
}
