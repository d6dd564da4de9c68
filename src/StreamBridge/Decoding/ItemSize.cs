using System.Text;

namespace Bus.StreamBridge.Decoding;

/// <summary>
/// An item's size by DynamoDB's documented rules (attribute names and values in UTF-8 bytes; a number about one
/// byte per two significant digits; 3 bytes per map or list and 1 per element), to recognise images no DynamoDB
/// table can hold. Numbers are counted at the low end of their rule, so a real item is never over-counted.
/// </summary>
public static class ItemSize
{
    /// <summary>DynamoDB's maximum item size, 400 KB.</summary>
    public const int MaxItemBytes = 400 * 1024;

    /// <summary>The size of <paramref name="item"/>.</summary>
    public static long Of(AttributeMap item)
    {
        ArgumentNullException.ThrowIfNull(item);
        long size = 0;
        for (var i = 0; i < item.Count; i++)
        {
            size += Encoding.UTF8.GetByteCount(item.Names[i]) + Of(item.ValueAt(i));
        }

        return size;
    }

    private static long Of(DynamoValue value)
    {
        switch (value.Type)
        {
            case AttributeType.S:
                return Encoding.UTF8.GetByteCount(value.AsString());
            case AttributeType.N:
                return Number(value.AsNumber());
            case AttributeType.B:
                return value.AsBinary().Length;
            case AttributeType.SS:
                return Sum(value.AsStringSet(), static s => Encoding.UTF8.GetByteCount(s));
            case AttributeType.NS:
                return Sum(value.AsNumberSet(), Number);
            case AttributeType.BS:
                return Sum(value.AsBinarySet(), static b => b.Length);
            case AttributeType.M:
                var map = value.AsMap();
                return 3 + map.Count + Of(map);
            case AttributeType.L:
                var list = value.AsList();
                return 3 + list.Count + Sum(list, Of);
            default:
                return 1;
        }
    }

    private static long Number(DynamoNumber number) => 1 + (number.SignificantDigits / 2);

    private static long Sum<T>(IReadOnlyList<T> items, Func<T, long> size)
    {
        long total = 0;
        for (var i = 0; i < items.Count; i++)
        {
            total += size(items[i]);
        }

        return total;
    }
}
