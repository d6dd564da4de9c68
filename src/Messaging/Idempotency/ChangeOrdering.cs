using Bus.Contracts;

namespace Bus.Messaging.Idempotency;

/// <summary>
/// Decides whether a change is newer than the last one a consumer applied to an entity, so that late, older
/// changes (a redelivery after a newer one, a replay) are ignored. The item's version attribute decides when both
/// have one; otherwise the stream sequence number, compared as a number, within the same source.
/// </summary>
public static class ChangeOrdering
{
    /// <summary>True when <paramref name="incoming"/> should be applied over the stored position.</summary>
    /// <param name="incoming">The change's metadata.</param>
    /// <param name="lastVersion">The applied item version, if any.</param>
    /// <param name="lastSequence">The applied sequence number, if any.</param>
    public static bool IsNewer(ChangeMetadata incoming, long? lastVersion, string? lastSequence)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        if (incoming.ItemVersion is { } version && lastVersion is { } applied)
        {
            return version > applied;
        }

        return lastSequence is null || CompareSequence(incoming.SequenceNumber, lastSequence) > 0;
    }

    /// <summary>Numeric comparison of two decimal digit strings of any length.</summary>
    public static int CompareSequence(string left, string right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        var a = left.AsSpan().TrimStart('0');
        var b = right.AsSpan().TrimStart('0');
        return a.Length != b.Length ? a.Length.CompareTo(b.Length) : a.SequenceCompareTo(b);
    }
}
