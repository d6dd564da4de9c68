using Bus.Contracts;

namespace Bus.Consumers.Marketing.Gateway;

/// <summary>The change a command was caused by: its stream event and its place in the item's history.</summary>
public sealed record SourcePosition
{
    public required string StreamEventId { get; init; }

    /// <summary>The item's version attribute, when the table has one.</summary>
    public long? ItemVersion { get; init; }

    /// <summary>The stream sequence number (decimal digits).</summary>
    public required string SequenceNumber { get; init; }

    public required DateTimeOffset ChangedAt { get; init; }

    public static SourcePosition Of(ChangeMetadata change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return new SourcePosition
        {
            StreamEventId = change.StreamEventId,
            ItemVersion = change.ItemVersion,
            SequenceNumber = change.SequenceNumber,
            ChangedAt = change.ApproximateCreationTime,
        };
    }
}
