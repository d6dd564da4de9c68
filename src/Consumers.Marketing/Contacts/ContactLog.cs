using Microsoft.Extensions.Logging;

namespace Bus.Consumers.Marketing.Contacts;

/// <summary>Log lines of the contact consumers: ids only, never e-mail addresses.</summary>
internal static partial class ContactLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Applied {EventType} to contact {CustomerId} (revision {Revision})")]
    public static partial void Applied(ILogger logger, string eventType, string customerId, long revision);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ignored {EventType} for contact {CustomerId}: not newer than the change applied last")]
    public static partial void Stale(ILogger logger, string eventType, string customerId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ignored {EventType} for contact {CustomerId}: the contact is erased")]
    public static partial void Erased(ILogger logger, string eventType, string customerId);

    public static void Ignored(ILogger logger, string eventType, MarketingContact contact)
    {
        if (contact.Erased)
            Erased(logger, eventType, contact.CustomerId);
        else
            Stale(logger, eventType, contact.CustomerId);
    }
}
