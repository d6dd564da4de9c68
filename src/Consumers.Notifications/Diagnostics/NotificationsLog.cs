using Bus.Consumers.Notifications.Log;

namespace Bus.Consumers.Notifications.Diagnostics;

/// <summary>The service's log lines: ids, keys and kinds only, never a name, an address or a phone number.</summary>
internal static partial class NotificationsLog
{
    [LoggerMessage(1, LogLevel.Information, "Applied {EventType} to the contact of customer {CustomerId}")]
    public static partial void ContactChangeApplied(this ILogger logger, string eventType, string customerId);

    [LoggerMessage(2, LogLevel.Debug, "Ignored {EventType} of customer {CustomerId} (stream event {StreamEventId}): an equal or later change was applied, or the customer is erased")]
    public static partial void ContactChangeIgnored(this ILogger logger, string eventType, string customerId, string streamEventId);

    [LoggerMessage(3, LogLevel.Debug, "Ignored duplicate {Kind} {IdempotencyKey}: decided already")]
    public static partial void DuplicateNotification(this ILogger logger, NotificationKind kind, string idempotencyKey);

    [LoggerMessage(4, LogLevel.Debug, "Ignored stale {Kind} for {EntityKey} (stream event {StreamEventId}): an equal or later change was handled")]
    public static partial void StaleNotification(this ILogger logger, NotificationKind kind, string entityKey, string streamEventId);

    [LoggerMessage(5, LogLevel.Information, "Requested {Kind} {IdempotencyKey}")]
    public static partial void NotificationRequested(this ILogger logger, NotificationKind kind, string idempotencyKey);

    [LoggerMessage(6, LogLevel.Information, "Skipped {Kind} {IdempotencyKey}: {SkipReason}")]
    public static partial void NotificationSkipped(this ILogger logger, NotificationKind kind, string idempotencyKey, string? skipReason);

    [LoggerMessage(7, LogLevel.Debug, "{ExternalSystem} effect {IdempotencyKey} was delivered already; not calling again")]
    public static partial void EffectAlreadyDelivered(this ILogger logger, string externalSystem, string idempotencyKey);

    [LoggerMessage(8, LogLevel.Information, "{ExternalSystem} accepted {IdempotencyKey}")]
    public static partial void EffectDelivered(this ILogger logger, string externalSystem, string idempotencyKey);

    [LoggerMessage(9, LogLevel.Information, "{Kind} waits for the contact of customer {CustomerId}, not known yet; the message will be retried")]
    public static partial void WaitingForContact(this ILogger logger, NotificationKind kind, string customerId);
}
