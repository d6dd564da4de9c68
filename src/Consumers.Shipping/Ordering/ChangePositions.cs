using Bus.Contracts;
using Bus.Messaging.Idempotency;

namespace Bus.Consumers.Shipping.Ordering;

/// <summary>Comparisons of a change with the last position applied to an entity, beyond <see cref="ChangeOrdering.IsNewer"/>.</summary>
public static class ChangePositions
{
    /// <summary>
    /// True when <paramref name="incoming"/> is strictly older than the applied position: a lower item version (when both have
    /// one), else a lower sequence number. An equal position is not older.
    /// </summary>
    /// <remarks>
    /// A REMOVE record carries the version of the old image, which equals the version of the last MODIFY of the item, so a
    /// deletion must win on an equal version, where <see cref="ChangeOrdering.IsNewer"/> would call it a duplicate.
    /// </remarks>
    public static bool IsOlder(ChangeMetadata incoming, long? lastVersion, string? lastSequence)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        if (incoming.ItemVersion is { } version && lastVersion is { } applied)
        {
            return version < applied;
        }

        return lastSequence is not null && ChangeOrdering.CompareSequence(incoming.SequenceNumber, lastSequence) < 0;
    }

    /// <summary>True when <paramref name="incoming"/> comes later in its stream than <paramref name="lastSequence"/>.</summary>
    public static bool IsLaterInStream(ChangeMetadata incoming, string? lastSequence)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        return lastSequence is null || ChangeOrdering.CompareSequence(incoming.SequenceNumber, lastSequence) > 0;
    }
}
