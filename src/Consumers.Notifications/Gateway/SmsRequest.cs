namespace Bus.Consumers.Notifications.Gateway;

/// <summary>Body of <c>POST /sms</c> on the SMS system.</summary>
public sealed record SmsRequest(string To, string Text);
