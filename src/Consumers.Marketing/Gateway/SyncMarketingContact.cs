namespace Bus.Consumers.Marketing.Gateway;

/// <summary>
/// Command to the <c>marketing-platform-gateway</c> queue: create or update the contact on the marketing platform with this
/// state (POST <c>/contacts</c>). Sent through the outbox by the contact consumers; stays inside the service.
/// </summary>
public sealed record SyncMarketingContact
{
    public required string CustomerId { get; init; }

    /// <summary>The e-mail address as stored; null when the customer has none.</summary>
    public string? Email { get; init; }

    public required bool MarketingOptIn { get; init; }

    /// <summary>The contact's revision after the change; later state has a higher revision.</summary>
    public required long Revision { get; init; }

    /// <summary><c>marketing-contact-sync:&lt;StreamEventId&gt;:&lt;event type&gt;</c>, sent as <c>Idempotency-Key</c>.</summary>
    public required string IdempotencyKey { get; init; }

    public required SourcePosition Source { get; init; }
}
