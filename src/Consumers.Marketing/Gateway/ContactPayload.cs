namespace Bus.Consumers.Marketing.Gateway;

/// <summary>Body of POST <c>/contacts</c> (JSON, camelCase): the contact as it should be on the platform.</summary>
public sealed record ContactPayload(string CustomerId, string? Email, bool MarketingOptIn, long Revision, SourcePosition Source)
{
    public static ContactPayload From(SyncMarketingContact command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return new ContactPayload(command.CustomerId, command.Email, command.MarketingOptIn, command.Revision, command.Source);
    }
}
