using Bus.Contracts;
using Bus.Messaging.Idempotency;

namespace Bus.Consumers.Marketing.Contacts;

/// <summary>
/// What marketing knows of one customer: the e-mail address and consent the platform should have, and, per concern, the
/// position of the change last applied to it, so that late, older changes of the same item are ignored. A deleted customer
/// stays as a tombstone (no e-mail, no consent, <see cref="Erased"/>) so that a late event cannot bring the data back.
/// </summary>
public sealed class MarketingContact
{
    public required string CustomerId { get; init; }

    public string? Email { get; private set; }

    public bool MarketingOptIn { get; private set; }

    public bool Erased { get; private set; }

    /// <summary>When the customer was deleted (the change time of the <c>CustomerDeleted</c> event).</summary>
    public DateTimeOffset? ErasedAt { get; private set; }

    public long? RegistrationVersion { get; private set; }
    public string? RegistrationSequence { get; private set; }
    public long? EmailVersion { get; private set; }
    public string? EmailSequence { get; private set; }
    public long? ConsentVersion { get; private set; }
    public string? ConsentSequence { get; private set; }
    public long? DeletionVersion { get; private set; }
    public string? DeletionSequence { get; private set; }

    /// <summary>Counts the applied changes; the platform receives it to order updates, and it guards concurrent writers.</summary>
    public long Revision { get; private set; }

    /// <summary>
    /// Applies a registration: each concern (e-mail, consent) it is newer for. A registration after a deletion re-creates the
    /// contact only if it is newer than the deletion. Returns false when nothing changed (a copy, or older than what is known).
    /// </summary>
    public bool ApplyRegistration(ChangeMetadata change, string? email, bool marketingOptIn)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (!ChangeOrdering.IsNewer(change, RegistrationVersion, RegistrationSequence)
            || (Erased && !ChangeOrdering.IsNewer(change, DeletionVersion, DeletionSequence)))
        {
            return false;
        }

        (RegistrationVersion, RegistrationSequence) = (change.ItemVersion, change.SequenceNumber);
        var reinstated = Erased;
        (Erased, ErasedAt) = (false, null);
        var emailApplied = ApplyEmail(change, email);
        var consentApplied = ApplyConsent(change, marketingOptIn);
        if (reinstated && !emailApplied && !consentApplied)
        {
            Revision++;
        }

        return reinstated || emailApplied || consentApplied;
    }

    /// <summary>Applies an e-mail change unless the contact is erased or the change is not newer than the last one applied.</summary>
    public bool ApplyEmail(ChangeMetadata change, string? email)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (Erased || !ChangeOrdering.IsNewer(change, EmailVersion, EmailSequence))
        {
            return false;
        }

        (Email, EmailVersion, EmailSequence) = (email, change.ItemVersion, change.SequenceNumber);
        Revision++;
        return true;
    }

    /// <summary>Applies a consent change unless the contact is erased or the change is not newer than the last one applied.</summary>
    public bool ApplyConsent(ChangeMetadata change, bool marketingOptIn)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (Erased || !ChangeOrdering.IsNewer(change, ConsentVersion, ConsentSequence))
        {
            return false;
        }

        (MarketingOptIn, ConsentVersion, ConsentSequence) = (marketingOptIn, change.ItemVersion, change.SequenceNumber);
        Revision++;
        return true;
    }

    /// <summary>Erases the personal data and keeps the tombstone. Returns false for a copy of (or an older) deletion.</summary>
    public bool Erase(ChangeMetadata change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (!ChangeOrdering.IsNewer(change, DeletionVersion, DeletionSequence))
        {
            return false;
        }

        (Email, MarketingOptIn, Erased, ErasedAt) = (null, false, true, change.ApproximateCreationTime.ToUniversalTime());
        (DeletionVersion, DeletionSequence) = (change.ItemVersion, change.SequenceNumber);
        Revision++;
        return true;
    }
}
