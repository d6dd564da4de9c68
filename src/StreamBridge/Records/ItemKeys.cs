using System.Text;
using Bus.StreamBridge.Decoding;

namespace Bus.StreamBridge.Records;

/// <summary>Renders an item's key attributes as one stable string, <c>name=value</c> pairs joined by <c>|</c>. A
/// <c>\</c>, <c>|</c> or <c>=</c> inside a name or value is escaped with <c>\</c>, so two different keys never
/// render alike.</summary>
public static class ItemKeys
{
    /// <summary>Names are ordered ordinally: stream records do not say which attribute is the partition key,
    /// and the rendering must be identical for every record of one item.</summary>
    public static string Render(AttributeMap keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 1)
        {
            return string.Concat(Escape(keys.Names[0]), "=", RenderValue(keys.ValueAt(0)));
        }

        return RenderComposite(keys);
    }

    /// <summary>Apart from <see cref="Render"/>: the sort's closure would otherwise be allocated for every key,
    /// single-attribute ones included.</summary>
    private static string RenderComposite(AttributeMap keys)
    {
        var order = new int[keys.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var names = keys.Names.ToArray();
        Array.Sort(order, (a, b) => string.CompareOrdinal(names[a], names[b]));
        var builder = new StringBuilder();
        foreach (var index in order)
        {
            if (builder.Length > 0)
            {
                builder.Append('|');
            }

            builder.Append(Escape(names[index])).Append('=').Append(RenderValue(keys.ValueAt(index)));
        }

        return builder.ToString();
    }

    private static string RenderValue(DynamoValue value) => value.Type switch
    {
        AttributeType.S => Escape(value.AsString()),
        AttributeType.N => value.AsNumber().Text,
        AttributeType.B => Escape(Convert.ToBase64String(value.AsBinary())),
        _ => throw new DecodingException($"key attribute has type {value.Type}; DynamoDB keys are S, N or B"),
    };

    private static string Escape(string value)
    {
        if (value.AsSpan().IndexOfAny('\\', '|', '=') < 0)
        {
            return value;
        }

        var builder = new StringBuilder(value.Length + 4);
        foreach (var c in value)
        {
            if (c is '\\' or '|' or '=')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
