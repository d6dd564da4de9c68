namespace Bus.FaultInjection.Tests;

/// <summary>A customer item's final state in the generated table (<paramref name="Deleted"/>: the item is gone).</summary>
public sealed record CustomerState(string CustomerId, string Name, string? Email, string? Phone, Address? Address, bool MarketingOptIn, bool Deleted);
