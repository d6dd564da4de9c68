using Amazon.DynamoDBv2.Model;
using Bus.StreamBridge.Decoding;

namespace Bus.StreamBridge.Enrichment;

/// <summary>Converts between the AWS SDK's <see cref="AttributeValue"/> and the bridge's <see cref="DynamoValue"/>.
/// SDK v4 leaves unset collections null, so each type is detected by the member that is set.</summary>
public static class SdkAttributeValues
{
    public static Dictionary<string, AttributeValue> ToSdk(AttributeMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var result = new Dictionary<string, AttributeValue>(map.Count, StringComparer.Ordinal);
        foreach (var (name, value) in map)
        {
            result[name] = ToSdk(value);
        }

        return result;
    }

    public static AttributeValue ToSdk(DynamoValue value) => value.Type switch
    {
        AttributeType.S => new AttributeValue { S = value.AsString() },
        AttributeType.N => new AttributeValue { N = value.AsNumber().Text },
        AttributeType.B => new AttributeValue { B = new MemoryStream(value.AsBinary()) },
        AttributeType.BOOL => new AttributeValue { BOOL = value.AsBool() },
        AttributeType.NULL => new AttributeValue { NULL = true },
        AttributeType.SS => new AttributeValue { SS = [.. value.AsStringSet()] },
        AttributeType.NS => new AttributeValue { NS = [.. value.AsNumberSet().Select(n => n.Text)] },
        AttributeType.BS => new AttributeValue { BS = [.. value.AsBinarySet().Select(b => new MemoryStream(b))] },
        AttributeType.M => new AttributeValue { M = ToSdk(value.AsMap()) },
        AttributeType.L => new AttributeValue { L = [.. value.AsList().Select(ToSdk)] },
        _ => throw new ArgumentOutOfRangeException(nameof(value), value.Type, "unknown attribute type"),
    };

    public static AttributeMap FromSdk(IReadOnlyDictionary<string, AttributeValue> item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return AttributeMap.Create(item.Select(pair => KeyValuePair.Create(pair.Key, FromSdk(pair.Value, pair.Key))));
    }

    private static DynamoValue FromSdk(AttributeValue value, string path)
    {
        if (value.S is not null)
        {
            return DynamoValue.FromString(value.S);
        }

        if (value.N is not null)
        {
            return DynamoNumber.TryParse(value.N, out var number, out var error)
                ? DynamoValue.FromNumber(number)
                : throw new DecodingException($"{path}: {error}");
        }

        if (value.B is not null)
        {
            return DynamoValue.FromBinary(value.B.ToArray());
        }

        if (value.BOOL is { } flag)
        {
            return DynamoValue.FromBool(flag);
        }

        if (value.NULL == true)
        {
            return DynamoValue.Null;
        }

        if (value.SS is { Count: > 0 })
        {
            return DynamoValue.FromStringSet([.. value.SS]);
        }

        if (value.NS is { Count: > 0 })
        {
            return DynamoValue.FromNumberSet([.. value.NS.Select(n => DynamoNumber.Parse(n))]);
        }

        if (value.BS is { Count: > 0 })
        {
            return DynamoValue.FromBinarySet([.. value.BS.Select(b => b.ToArray())]);
        }

        if (value.M is not null)
        {
            return DynamoValue.FromMap(AttributeMap.Create(value.M.Select(p => KeyValuePair.Create(p.Key, FromSdk(p.Value, $"{path}.{p.Key}")))));
        }

        if (value.L is not null)
        {
            return DynamoValue.FromList([.. value.L.Select((v, i) => FromSdk(v, $"{path}[{i}]"))]);
        }

        throw new DecodingException($"{path}: attribute value has no type");
    }
}
