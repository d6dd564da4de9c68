namespace Bus.EndToEnd.Feeding;

/// <summary>An event the bridge published and the broker confirmed.</summary>
/// <param name="EventType">The contract's type name, e.g. <c>CustomerRegistered</c>.</param>
/// <param name="StreamEventId">The <c>eventID</c> of the record it came from.</param>
/// <param name="CreatedAt">The record's creation time as the bridge decoded it.</param>
/// <param name="PublishedAt">When the publish completed (after the broker's confirm).</param>
/// <param name="CustomerId">The customer of a Customers event; null otherwise.</param>
/// <param name="HasAddress">A <c>CustomerRegistered</c> that carries an address.</param>
internal sealed record PublishedEvent(
    string EventType, string StreamEventId, DateTimeOffset CreatedAt, DateTimeOffset PublishedAt, string? CustomerId, bool HasAddress);
