namespace Bus.Benchmarks.Generation;

/// <summary>The <c>address</c> map of a Customers item.</summary>
internal sealed record PostalAddress(string Street, string City, string PostalCode, string Country);
