namespace Bus.Benchmarks.Generation;

/// <summary>One element of the <c>items</c> list of an Orders item.</summary>
internal sealed record OrderLine(string Sku, int Quantity, decimal Price);
