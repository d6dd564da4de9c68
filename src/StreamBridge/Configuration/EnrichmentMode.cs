namespace Bus.StreamBridge.Configuration;

/// <summary>How the bridge completes records whose stream does not carry the image a translator needs.</summary>
public enum EnrichmentMode
{
    /// <summary>Never call DynamoDB; a record missing an image its translator needs goes to the failed-record store.</summary>
    None,

    /// <summary>Read the item's current state with a strongly consistent <c>GetItem</c> as the new image. This gives
    /// the item as it is now, which may be later than the change; the old image cannot be recovered this way.</summary>
    GetItem,
}
