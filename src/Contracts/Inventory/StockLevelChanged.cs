using MassTransit;

namespace Bus.Contracts.Inventory;

/// <summary>
/// A product's stock level changed: an Inventory item was inserted with a <c>quantity</c>, or modified so that its
/// <c>quantity</c> differs between the old and the new image.
/// </summary>
/// <remarks>
/// An insert counts from 0: <see cref="PreviousQuantity"/> is 0. A modify that changes other attributes only does
/// not raise it. Quantities are whole units in stock. Suited to keeping a stock-level read model: the last event
/// applied per product (see <see cref="ChangeMetadata.ItemVersion"/> and <see cref="ChangeMetadata.SequenceNumber"/>
/// for order) holds the current level.
/// </remarks>
[MessageUrn("Bus.Contracts.Inventory:StockLevelChanged")]
[EntityName("Bus.Contracts.Inventory:StockLevelChanged")]
public sealed record StockLevelChanged : IChangeEvent
{
    /// <inheritdoc/>
    public required ChangeMetadata Change { get; init; }

    /// <summary>The product's id: the Inventory table's partition key <c>productId</c>.</summary>
    public required string ProductId { get; init; }

    /// <summary>The product's stock keeping unit (<c>sku</c>), as used in order lines; null when the item has none.</summary>
    public string? Sku { get; init; }

    /// <summary>Units in stock before the change (old image <c>quantity</c>); 0 for an insert or when the old image had no quantity.</summary>
    public required long PreviousQuantity { get; init; }

    /// <summary>Units in stock after the change (new image <c>quantity</c>).</summary>
    public required long Quantity { get; init; }

    /// <summary>
    /// The product's reorder threshold in units (new image <c>reorderThreshold</c>); null when the item has none.
    /// See <see cref="LowStockDetected"/> for crossings of it.
    /// </summary>
    public long? ReorderThreshold { get; init; }
}
