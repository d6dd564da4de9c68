namespace Bus.Contracts.Orders;

/// <summary>
/// One line of an order: an element of the Orders table's <c>items</c> list (a map <c>{sku, qty, price}</c>).
/// </summary>
public sealed record OrderLine
{
    /// <summary>Stock keeping unit of the product ordered (<c>sku</c>); matches <c>Bus.Contracts.Inventory</c> SKUs.</summary>
    public required string Sku { get; init; }

    /// <summary>Number of units ordered (<c>qty</c>).</summary>
    public required int Quantity { get; init; }

    /// <summary>
    /// Price of one unit (<c>price</c>), exactly as stored, in the order's currency (the same unit as
    /// <see cref="OrderPlaced.Total"/>; the table records no currency). The line amount is
    /// <see cref="Quantity"/> × <see cref="UnitPrice"/>.
    /// </summary>
    public required decimal UnitPrice { get; init; }
}
