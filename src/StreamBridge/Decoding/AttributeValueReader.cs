using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Bus.StreamBridge.Decoding;

/// <summary>
/// Reads DynamoDB's JSON attribute-value format (<c>{"S": "x"}</c>, <c>{"M": {…}}</c>, …) from a
/// <see cref="Utf8JsonReader"/> into <see cref="DynamoValue"/>s. Pure, allocation-lean, and strict: anything
/// DynamoDB would not send is a <see cref="DecodingException"/> naming the attribute path.
/// </summary>
public static class AttributeValueReader
{
    /// <summary>DynamoDB's own limit on nested maps and lists.</summary>
    public const int MaxNestingDepth = 32;

    /// <summary>Reads an attribute map; the reader is on its <c>StartObject</c> and ends on its <c>EndObject</c>.</summary>
    public static AttributeMap ReadMap(ref Utf8JsonReader reader) => ReadMap(ref reader, depth: 0, sibling: null);

    /// <summary>Reads an attribute map that is likely to repeat much of <paramref name="sibling"/> (a MODIFY's old
    /// image repeats its new image, an image repeats the keys): equal names and S and N values are taken from the
    /// sibling instead of being allocated again. The result is the same as without a sibling.</summary>
    internal static AttributeMap ReadMap(ref Utf8JsonReader reader, AttributeMap? sibling) => ReadMap(ref reader, depth: 0, sibling);

    /// <summary>Reads one attribute value object; the reader is on its <c>StartObject</c>.</summary>
    public static DynamoValue ReadValue(ref Utf8JsonReader reader) => ReadValue(ref reader, depth: 0, sibling: null);

    /// <summary>Decodes a complete JSON document holding one attribute map.</summary>
    public static AttributeMap ParseMap(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 2 * MaxNestingDepth + 8 });
        try
        {
            reader.Read();
            return ReadMap(ref reader);
        }
        catch (JsonException e)
        {
            throw new DecodingException($"invalid JSON at byte {e.BytePositionInLine}", e);
        }
    }

    private static AttributeMap ReadMap(ref Utf8JsonReader reader, int depth, AttributeMap? sibling)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new DecodingException($"expected an object of attributes, found {Describe(reader.TokenType)}");
        }

        // Read into pooled scratch arrays and keep exact-size copies: an image's attribute count is not known
        // until its end, and growing arrays per map would leave the unused slots and the outgrown arrays behind.
        var names = ArrayPool<string>.Shared.Rent(16);
        var values = ArrayPool<DynamoValue>.Shared.Rent(16);
        var count = 0;
        try
        {
            while (Next(ref reader) == JsonTokenType.PropertyName)
            {
                var name = NameTable.Read(ref reader, "an attribute name");
                reader.Read();
                var value = ReadAttribute(ref reader, depth, name, Sibling(sibling, name));
                CheckUnique(names.AsSpan(0, count), name);
                if (count == names.Length)
                {
                    Grow(ref names, count);
                    Grow(ref values, count);
                }

                names[count] = name;
                values[count++] = value;
            }

            return count == 0 ? AttributeMap.Empty : new AttributeMap(NamesLike(sibling, names, count), values[..count], count);
        }
        finally
        {
            ReturnScratch(names, count);
            ReturnScratch(values, count);
        }
    }

    private static DynamoValue? Sibling(AttributeMap? sibling, string name) =>
        sibling is not null && sibling.TryGetValue(name, out var value) ? value : null;

    /// <summary>The sibling's names array when it holds the same (interned) names in the same order.</summary>
    private static string[] NamesLike(AttributeMap? sibling, string[] names, int count)
    {
        if (sibling is null || !sibling.Names.SequenceEqual(names.AsSpan(0, count)))
        {
            return names[..count];
        }

        return sibling.NamesArray;
    }

    private static DynamoValue ReadAttribute(ref Utf8JsonReader reader, int depth, string name, DynamoValue? sibling)
    {
        try
        {
            return ReadValue(ref reader, depth, sibling);
        }
        catch (DecodingException e)
        {
            throw e.Within(name);
        }
    }

    private static void CheckUnique(ReadOnlySpan<string> names, string name)
    {
        foreach (var existing in names)
        {
            if (string.Equals(existing, name, StringComparison.Ordinal))
            {
                throw new DecodingException("attribute appears twice").Within(name);
            }
        }
    }

    private static void Grow<T>(ref T[] scratch, int count)
    {
        var larger = ArrayPool<T>.Shared.Rent(count * 2);
        scratch.AsSpan(0, count).CopyTo(larger);
        ReturnScratch(scratch, count);
        scratch = larger;
    }

    /// <summary>Clears the used slots so the pool holds no references to decoded values.</summary>
    private static void ReturnScratch<T>(T[] scratch, int count)
    {
        scratch.AsSpan(0, count).Clear();
        ArrayPool<T>.Shared.Return(scratch);
    }

    private static DynamoValue ReadValue(ref Utf8JsonReader reader, int depth, DynamoValue? sibling)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new DecodingException($"expected an attribute value object, found {Describe(reader.TokenType)}");
        }

        if (Next(ref reader) != JsonTokenType.PropertyName)
        {
            throw new DecodingException("attribute value has no type");
        }

        var type = ReadType(ref reader);
        reader.Read();
        var value = type switch
        {
            AttributeType.S => DynamoValue.FromString(SameText(ref reader, sibling, AttributeType.S) ?? ReadString(ref reader, "S")),
            AttributeType.N => DynamoValue.FromValidatedNumber(SameText(ref reader, sibling, AttributeType.N) ?? ReadNumberText(ref reader)),
            AttributeType.B => DynamoValue.FromBinary(ReadBinary(ref reader)),
            AttributeType.BOOL => DynamoValue.FromBool(ReadBool(ref reader)),
            AttributeType.NULL => ReadNull(ref reader),
            AttributeType.SS => DynamoValue.FromStringSet(ReadSet(ref reader, static (ref Utf8JsonReader r) => ReadString(ref r, "SS"))),
            AttributeType.NS => DynamoValue.FromNumberSet(ReadSet(ref reader, static (ref Utf8JsonReader r) => DynamoNumber.FromValidated(ReadNumberText(ref r)))),
            AttributeType.BS => DynamoValue.FromBinarySet(ReadSet(ref reader, static (ref Utf8JsonReader r) => ReadBinary(ref r))),
            AttributeType.M => DynamoValue.FromMap(ReadNested(ref reader, depth, sibling is { Type: AttributeType.M } map ? map.AsMap() : null)),
            AttributeType.L => DynamoValue.FromList(ReadList(ref reader, depth, sibling is { Type: AttributeType.L } list ? list.AsList() : null)),
            _ => throw new DecodingException("unknown attribute type"),
        };

        if (Next(ref reader) != JsonTokenType.EndObject)
        {
            throw new DecodingException("attribute value has more than one type");
        }

        return value;
    }

    /// <summary>The sibling's S or N text when the reader's string is the same text (so already validated).</summary>
    private static string? SameText(ref Utf8JsonReader reader, DynamoValue? sibling, AttributeType type)
    {
        if (sibling is not { } other || other.Type != type || reader.TokenType != JsonTokenType.String)
        {
            return null;
        }

        var text = type == AttributeType.S ? other.AsString() : other.AsNumber().Text;
        return reader.ValueTextEquals(text) ? text : null;
    }

    private static AttributeType ReadType(ref Utf8JsonReader reader)
    {
        var tag = reader.ValueSpan;
        if (!reader.ValueIsEscaped)
        {
            switch (tag.Length)
            {
                case 1 when tag[0] == (byte)'S': return AttributeType.S;
                case 1 when tag[0] == (byte)'N': return AttributeType.N;
                case 1 when tag[0] == (byte)'B': return AttributeType.B;
                case 1 when tag[0] == (byte)'M': return AttributeType.M;
                case 1 when tag[0] == (byte)'L': return AttributeType.L;
                case 2 when tag.SequenceEqual("SS"u8): return AttributeType.SS;
                case 2 when tag.SequenceEqual("NS"u8): return AttributeType.NS;
                case 2 when tag.SequenceEqual("BS"u8): return AttributeType.BS;
                case 4 when tag.SequenceEqual("NULL"u8): return AttributeType.NULL;
                case 4 when tag.SequenceEqual("BOOL"u8): return AttributeType.BOOL;
            }
        }

        var name = JsonStrings.Get(ref reader, "the attribute type");
        var printable = name.Length <= 16 && name.All(char.IsAsciiLetterOrDigit) ? name : "(not shown)";
        throw new DecodingException($"unknown attribute type '{printable}'");
    }

    private static DynamoValue ReadNull(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.True
        ? DynamoValue.Null
        : throw new DecodingException($"NULL must be true, found {Describe(reader.TokenType)}");

    private static bool ReadBool(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        _ => throw new DecodingException($"BOOL must be true or false, found {Describe(reader.TokenType)}"),
    };

    private static string ReadString(ref Utf8JsonReader reader, string type) => reader.TokenType == JsonTokenType.String
        ? JsonStrings.Get(ref reader, $"{type} value")
        : throw new DecodingException($"{type} value must be a JSON string, found {Describe(reader.TokenType)}");

    private static string ReadNumberText(ref Utf8JsonReader reader)
    {
        // DynamoDB sends numbers as strings precisely so that no JSON parser rounds them.
        var text = reader.TokenType == JsonTokenType.String
            ? JsonStrings.Get(ref reader, "N value")
            : throw new DecodingException($"N value must be a JSON string of digits, found {Describe(reader.TokenType)}");
        return DynamoNumber.Validate(text, out var error) ? text : throw new DecodingException(error);
    }

    private static byte[] ReadBinary(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new DecodingException($"B value must be a base64 JSON string, found {Describe(reader.TokenType)}");
        }

        return reader.TryGetBytesFromBase64(out var bytes) ? bytes : throw new DecodingException("B value is not valid base64");
    }

    private delegate T ElementReader<out T>(ref Utf8JsonReader reader);

    private static T[] ReadSet<T>(ref Utf8JsonReader reader, ElementReader<T> readElement)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new DecodingException($"set must be a JSON array, found {Describe(reader.TokenType)}");
        }

        var items = new List<T>();
        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            try
            {
                items.Add(readElement(ref reader));
            }
            catch (DecodingException e)
            {
                throw e.Within(string.Create(CultureInfo.InvariantCulture, $"[{items.Count}]"));
            }
        }

        // DynamoDB rejects empty sets on write, so a stream can never carry one.
        return items.Count > 0 ? items.ToArray() : throw new DecodingException("set is empty");
    }

    private static AttributeMap ReadNested(ref Utf8JsonReader reader, int depth, AttributeMap? sibling)
    {
        CheckDepth(depth);
        return ReadMap(ref reader, depth + 1, sibling);
    }

    private static DynamoValue[] ReadList(ref Utf8JsonReader reader, int depth, IReadOnlyList<DynamoValue>? sibling)
    {
        CheckDepth(depth);
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new DecodingException($"L value must be a JSON array, found {Describe(reader.TokenType)}");
        }

        var items = ArrayPool<DynamoValue>.Shared.Rent(16);
        var count = 0;
        try
        {
            while (Next(ref reader) != JsonTokenType.EndArray)
            {
                if (count == items.Length)
                {
                    Grow(ref items, count);
                }

                items[count] = ReadElement(ref reader, depth, count, sibling is not null && count < sibling.Count ? sibling[count] : null);
                count++;
            }

            return count == 0 ? [] : items[..count];
        }
        finally
        {
            ReturnScratch(items, count);
        }
    }

    private static DynamoValue ReadElement(ref Utf8JsonReader reader, int depth, int index, DynamoValue? sibling)
    {
        try
        {
            return ReadValue(ref reader, depth + 1, sibling);
        }
        catch (DecodingException e)
        {
            throw e.Within(string.Create(CultureInfo.InvariantCulture, $"[{index}]"));
        }
    }

    private static void CheckDepth(int depth)
    {
        if (depth >= MaxNestingDepth)
        {
            throw new DecodingException($"value is nested deeper than DynamoDB's {MaxNestingDepth} levels");
        }
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new DecodingException("JSON ends inside an attribute value");
        }

        return reader.TokenType;
    }

    internal static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };
}
