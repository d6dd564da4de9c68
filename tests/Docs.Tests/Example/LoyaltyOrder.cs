using Bus.Contracts;
using Bus.Messaging.Idempotency;

namespace Loyalty;

/// <summary>The points an order earned, with the position of the last change applied to it.</summary>
public sealed class LoyaltyOrder
{
    public required string OrderId { get; init; }

    public required string CustomerId { get; init; }

    public int Points { get; private set; }

    public bool Cancelled { get; private set; }

    public long? LastVersion { get; private set; }

    public string? LastSequence { get; private set; }

    /// <summary>Concurrency token: two changes of one order at once conflict, and the retry runs the loser again.</summary>
    public int Revision { get; private set; }

    /// <summary>Awards the order's points, unless an equal or newer change of the order was applied (stale or duplicate).</summary>
    public bool TryPlace(ChangeMetadata change, int points)
    {
        if (Cancelled || !MoveTo(change))
            return false;

        Points = points;
        return true;
    }

    /// <summary>Takes the points back, unless an equal or newer change of the order was applied.</summary>
    public bool TryCancel(ChangeMetadata change)
    {
        if (!MoveTo(change))
            return false;

        (Cancelled, Points) = (true, 0);
        return true;
    }

    private bool MoveTo(ChangeMetadata change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (!ChangeOrdering.IsNewer(change, LastVersion, LastSequence))
            return false;

        (LastVersion, LastSequence) = (change.ItemVersion, change.SequenceNumber);
        Revision++;
        return true;
    }
}
