namespace Bus.Consumers.Notifications.Log;

/// <summary>Values of <see cref="Notification.SkipReason"/>.</summary>
public static class SkipReasons
{
    /// <summary>The customer was deleted; their contact details are erased.</summary>
    public const string Erased = "erased";

    /// <summary>The customer has no e-mail address.</summary>
    public const string NoEmail = "no-email";

    /// <summary>The customer has no phone number.</summary>
    public const string NoPhone = "no-phone";
}
