using Bus.StreamBridge.Decoding;

namespace Bus.StreamBridge.Enrichment;

/// <summary>Reads an item's current state for records whose stream does not carry the image a translator needs.</summary>
public interface IItemReader
{
    /// <summary>The item with these keys, read with strong consistency; null when it no longer exists.</summary>
    Task<AttributeMap?> GetItemAsync(string tableName, AttributeMap keys, CancellationToken cancellationToken);
}
