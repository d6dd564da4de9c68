namespace Bus.Consumers.Notifications.Gateway;

/// <summary>Names of the external systems: keys of their <c>WebhookClient</c>s and of <c>ExternalSystems:&lt;name&gt;</c>.</summary>
public static class ExternalSystems
{
    public const string Email = "Email";
    public const string Sms = "Sms";
    public const string Purchasing = "Purchasing";
}
