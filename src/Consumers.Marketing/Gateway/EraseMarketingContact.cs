namespace Bus.Consumers.Marketing.Gateway;

/// <summary>
/// Command to the <c>marketing-platform-gateway</c> queue: erase the customer's contact on the marketing platform
/// (POST <c>/contacts/erase</c>). Sent through the outbox by the erasure consumer; stays inside the service.
/// </summary>
public sealed record EraseMarketingContact
{
    public required string CustomerId { get; init; }

    /// <summary>The contact's revision after the erasure.</summary>
    public required long Revision { get; init; }

    /// <summary><c>marketing-contact-erase:&lt;StreamEventId&gt;:CustomerDeleted</c>, sent as <c>Idempotency-Key</c>.</summary>
    public required string IdempotencyKey { get; init; }

    public required SourcePosition Source { get; init; }
}
