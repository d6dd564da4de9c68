using Bus.Contracts;
using Bus.Contracts.Inventory;

namespace Bus.StreamBridge.Translation;

/// <summary>The Inventory table: stock level changes, low-stock threshold crossings, discontinued products.</summary>
public sealed class InventoryTranslator : IChangeTranslator
{
    public string Name => "Inventory";

    public TranslatorRequirements Requirements { get; } = new(ImageNeeds.NewImage, ImageNeeds.NewAndOldImages, ImageNeeds.KeysOnly);

    public void Translate(in ChangeInput change, ICollection<IChangeEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var (kind, keys, oldImage, newImage, _, metadata) = change;
        if (kind == ChangeKind.Remove)
        {
            events.Add(new ProductDiscontinued
            {
                Change = metadata,
                ProductId = Image.RequiredString(oldImage, keys, "productId"),
                Sku = Image.OptionalString(oldImage, "sku"),
                Name = Image.OptionalString(oldImage, "name"),
            });
            return;
        }

        // An insert counts from zero stock.
        var previous = kind == ChangeKind.Insert ? 0 : Image.OptionalInt64(oldImage, "quantity") ?? 0;
        var quantity = Image.OptionalInt64(newImage, "quantity") ?? 0;
        if (previous == quantity)
        {
            return;
        }

        var productId = Image.RequiredString(newImage, keys, "productId");
        var sku = Image.OptionalString(newImage, "sku");
        var threshold = Image.OptionalInt64(newImage, "reorderThreshold");
        events.Add(new StockLevelChanged
        {
            Change = metadata,
            ProductId = productId,
            Sku = sku,
            PreviousQuantity = previous,
            Quantity = quantity,
            ReorderThreshold = threshold,
        });

        if (threshold is { } limit && previous > limit && quantity <= limit)
        {
            events.Add(new LowStockDetected
            {
                Change = metadata,
                ProductId = productId,
                Sku = sku,
                Name = Image.OptionalString(newImage, "name"),
                Quantity = quantity,
                ReorderThreshold = limit,
                SuggestedOrderQuantity = Image.OptionalInt64(newImage, "reorderQuantity") ?? SuggestedQuantity(limit, quantity),
                LastModifiedBy = Image.OptionalString(newImage, "lastModifiedBy"),
            });
        }
    }

    /// <summary>Enough to reach twice the threshold. Checked: a threshold near Int64's limit would otherwise wrap
    /// round to a negative suggestion and be published as if it were true.</summary>
    private static long SuggestedQuantity(long threshold, long quantity)
    {
        try
        {
            return checked((2 * threshold) - quantity);
        }
        catch (OverflowException e)
        {
            throw new TranslationException("attribute 'reorderThreshold' is too large to suggest an order quantity from", e);
        }
    }
}
