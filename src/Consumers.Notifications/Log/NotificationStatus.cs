namespace Bus.Consumers.Notifications.Log;

/// <summary>What became of a notification (stored as text).</summary>
public enum NotificationStatus
{
    /// <summary>The command went to the gateway (through the outbox).</summary>
    Requested,

    /// <summary>Nothing was sent: the customer is erased or has no address for this channel.</summary>
    Skipped,
}
