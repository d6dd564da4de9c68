namespace Bus.Consumers.Marketing.Gateway;

/// <summary>Body of POST <c>/contacts/erase</c> (JSON, camelCase): which contact to erase, and the deletion it comes from.</summary>
public sealed record ErasurePayload(string CustomerId, long Revision, SourcePosition Source)
{
    public static ErasurePayload From(EraseMarketingContact command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return new ErasurePayload(command.CustomerId, command.Revision, command.Source);
    }
}
