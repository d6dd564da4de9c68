namespace Bus.StreamBridge.Records;

/// <summary>What a DynamoDB stream writes for each change (the table's StreamSpecification).</summary>
public enum StreamViewType
{
    /// <summary>Only the key attributes.</summary>
    KeysOnly,

    /// <summary>The item as it appears after the change.</summary>
    NewImage,

    /// <summary>The item as it appeared before the change.</summary>
    OldImage,

    /// <summary>Both images.</summary>
    NewAndOldImages,
}
