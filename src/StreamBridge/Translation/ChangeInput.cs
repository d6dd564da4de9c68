using Bus.Contracts;
using Bus.StreamBridge.Decoding;

namespace Bus.StreamBridge.Translation;

/// <summary>What a translator sees of one change: the images and the metadata every event carries.</summary>
/// <param name="Kind">INSERT, MODIFY or REMOVE.</param>
/// <param name="Keys">The item's key attributes (always present).</param>
/// <param name="OldImage">The item before the change, when the stream carries it.</param>
/// <param name="NewImage">The item after the change, when the stream carries it or enrichment read it.</param>
/// <param name="IsTtlExpiry">The item was removed by DynamoDB's TTL process.</param>
/// <param name="Metadata">Change metadata to copy into every event.</param>
public readonly record struct ChangeInput(
    ChangeKind Kind,
    AttributeMap Keys,
    AttributeMap? OldImage,
    AttributeMap? NewImage,
    bool IsTtlExpiry,
    ChangeMetadata Metadata);
