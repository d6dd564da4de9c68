namespace Bus.FaultInjection.Tests;

/// <summary>A postal address as the Customers table holds it (the <c>address</c> map).</summary>
public sealed record Address(string Street, string City, string PostalCode, string Country);
