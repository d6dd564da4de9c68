using Bus.Contracts;
using Bus.Messaging.Idempotency;

namespace Bus.Consumers.Notifications.Contacts;

/// <summary>
/// The service's own copy of a customer's contact details, kept from customer events. Each concern (profile, e-mail,
/// phone) keeps the position of the last change applied to it, so a late, older change cannot overwrite a newer one.
/// A deleted customer stays as an erased tombstone: no personal data, and the deletion's position, so that changes
/// older than the deletion that arrive late are ignored.
/// </summary>
public sealed class NotificationContact
{
    public required string CustomerId { get; init; }

    public string? Name { get; private set; }

    public string? Email { get; private set; }

    public string? Phone { get; private set; }

    /// <summary>The customer was deleted: personal data erased, nothing is sent to them.</summary>
    public bool Erased { get; private set; }

    public DateTimeOffset? ErasedAt { get; private set; }

    /// <summary>Position of the last registration or deletion applied (name and existence).</summary>
    public long? ProfileVersion { get; private set; }

    public string? ProfileSequence { get; private set; }

    public long? EmailVersion { get; private set; }

    public string? EmailSequence { get; private set; }

    public long? PhoneVersion { get; private set; }

    public string? PhoneSequence { get; private set; }

    /// <summary>
    /// The e-mail address is known: a registration, an e-mail change or a deletion was applied. A contact started by a
    /// phone change that overtook the registration (two changes of one customer handed out at the same moment can reach
    /// the per-item ordering in either order) does not know its e-mail yet, even though <see cref="Email"/> is null.
    /// </summary>
    public bool EmailKnown => EmailSequence is not null;

    /// <summary>The phone number is known: a registration, a phone change or a deletion was applied (see <see cref="EmailKnown"/>).</summary>
    public bool PhoneKnown => PhoneSequence is not null;

    /// <summary>Optimistic concurrency token: two changes of one customer handled at once cannot both win.</summary>
    public int Revision { get; private set; }

    /// <summary>
    /// Applies a registration to every concern it is newer for. An erased customer comes back only with a registration
    /// later in the stream than the deletion (a new item under the same key: its version counts from the start again).
    /// </summary>
    public bool Register(ChangeMetadata change, string? name, string? email, string? phone)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (Erased)
        {
            if (ProfileSequence is not null && ChangeOrdering.CompareSequence(change.SequenceNumber, ProfileSequence) <= 0)
                return false;

            (Name, Email, Phone, Erased, ErasedAt) = (name, email, phone, false, null);
            MoveAll(change);
            return true;
        }

        var applied = false;
        if (ChangeOrdering.IsNewer(change, ProfileVersion, ProfileSequence))
        {
            (Name, ProfileVersion, ProfileSequence) = (name, change.ItemVersion, change.SequenceNumber);
            Revision++;
            applied = true;
        }

        applied |= ChangeEmail(change, email);
        applied |= ChangePhone(change, phone);
        return applied;
    }

    public bool ChangeEmail(ChangeMetadata change, string? email)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (Erased || !ChangeOrdering.IsNewer(change, EmailVersion, EmailSequence))
            return false;

        (Email, EmailVersion, EmailSequence) = (email, change.ItemVersion, change.SequenceNumber);
        Revision++;
        return true;
    }

    public bool ChangePhone(ChangeMetadata change, string? phone)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (Erased || !ChangeOrdering.IsNewer(change, PhoneVersion, PhoneSequence))
            return false;

        (Phone, PhoneVersion, PhoneSequence) = (phone, change.ItemVersion, change.SequenceNumber);
        Revision++;
        return true;
    }

    /// <summary>Erases the personal data and keeps the deletion's position, unless a later change was applied.</summary>
    public bool Erase(ChangeMetadata change, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (Erased || !DeletionIsNewer(change, ProfileVersion, ProfileSequence)
            || !DeletionIsNewer(change, EmailVersion, EmailSequence) || !DeletionIsNewer(change, PhoneVersion, PhoneSequence))
            return false;

        (Name, Email, Phone, Erased, ErasedAt) = (null, null, null, true, now);
        MoveAll(change);
        return true;
    }

    // A removal carries the version of the image it removed, i.e. the version of the last modify: an equal version
    // is decided by the stream sequence number.
    private static bool DeletionIsNewer(ChangeMetadata change, long? lastVersion, string? lastSequence) =>
        change.ItemVersion is { } version && lastVersion is { } applied && version != applied
            ? version > applied
            : lastSequence is null || ChangeOrdering.CompareSequence(change.SequenceNumber, lastSequence) > 0;

    private void MoveAll(ChangeMetadata change)
    {
        (ProfileVersion, ProfileSequence) = (change.ItemVersion, change.SequenceNumber);
        (EmailVersion, EmailSequence) = (change.ItemVersion, change.SequenceNumber);
        (PhoneVersion, PhoneSequence) = (change.ItemVersion, change.SequenceNumber);
        Revision++;
    }
}
