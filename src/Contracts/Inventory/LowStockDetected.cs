using MassTransit;

namespace Bus.Contracts.Inventory;

/// <summary>
/// A product's stock fell to or below its reorder threshold: its <c>quantity</c> crossed from above
/// <c>reorderThreshold</c> to at or below it.
/// </summary>
/// <remarks>
/// Raised only on the crossing, not on every change while the quantity stays at or below the threshold; the stock
/// must rise above the threshold again before the next one. The previous and the new quantity are both compared
/// with the threshold of the new image, so a change of the threshold alone raises nothing; an insert counts from a
/// quantity of 0 and so never raises it. Items without a <c>reorderThreshold</c> never raise it. Published in addition to <see cref="StockLevelChanged"/> for the same change. Meant for purchasing alerts
/// and automatic reordering.
/// </remarks>
[MessageUrn("Bus.Contracts.Inventory:LowStockDetected")]
[EntityName("Bus.Contracts.Inventory:LowStockDetected")]
public sealed record LowStockDetected : IChangeEvent
{
    /// <inheritdoc/>
    public required ChangeMetadata Change { get; init; }

    /// <summary>The product's id: the Inventory table's partition key <c>productId</c>.</summary>
    public required string ProductId { get; init; }

    /// <summary>The product's stock keeping unit (<c>sku</c>), as used in order lines; null when the item has none.</summary>
    public string? Sku { get; init; }

    /// <summary>The product's name (<c>name</c>); null when the item has none.</summary>
    public string? Name { get; init; }

    /// <summary>Units in stock after the change (<c>quantity</c>); at or below <see cref="ReorderThreshold"/>.</summary>
    public required long Quantity { get; init; }

    /// <summary>The reorder threshold in units (<c>reorderThreshold</c>) that was crossed.</summary>
    public required long ReorderThreshold { get; init; }

    /// <summary>
    /// How many units to order: the item's <c>reorderQuantity</c> when it has one, else
    /// 2 × <see cref="ReorderThreshold"/> − <see cref="Quantity"/> (which restocks to twice the threshold).
    /// </summary>
    public required long SuggestedOrderQuantity { get; init; }

    /// <summary>
    /// Who last modified the item (<c>lastModifiedBy</c>, an application-defined user or process name), e.g. to tell
    /// a sale from a manual stock correction; null when the item has none.
    /// </summary>
    public string? LastModifiedBy { get; init; }
}
