namespace Bus.Consumers.Notifications.Gateway;

/// <summary>Body of <c>POST /emails</c> on the e-mail system.</summary>
public sealed record EmailRequest(string To, string Subject, string Text);
