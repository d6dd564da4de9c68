using MassTransit;

namespace Bus.Contracts.Inventory;

/// <summary>
/// A product was discontinued: an item was removed from the Inventory table (by the application or by TTL).
/// </summary>
/// <remarks>
/// <see cref="Sku"/> and <see cref="Name"/> come from the old image; they are null when the stream does not carry
/// it (a <c>KEYS_ONLY</c> or <c>NEW_IMAGE</c> stream) or the item had no such attribute. No
/// <see cref="StockLevelChanged"/> is published for a removal.
/// </remarks>
[MessageUrn("Bus.Contracts.Inventory:ProductDiscontinued")]
[EntityName("Bus.Contracts.Inventory:ProductDiscontinued")]
public sealed record ProductDiscontinued : IChangeEvent
{
    /// <inheritdoc/>
    public required ChangeMetadata Change { get; init; }

    /// <summary>The product's id: the Inventory table's partition key <c>productId</c>.</summary>
    public required string ProductId { get; init; }

    /// <summary>The product's stock keeping unit (<c>sku</c>), as used in order lines; null when the item has none.</summary>
    public string? Sku { get; init; }

    /// <summary>The product's name (old image <c>name</c>); null when the old image is not carried or has none.</summary>
    public string? Name { get; init; }
}
