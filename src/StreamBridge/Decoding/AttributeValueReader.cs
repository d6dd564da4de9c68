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

            if (count == 0)
            {
                return AttributeMap.Empty;
            }

            // An unchanged nested map (a MODIFY's address, an order line) comes out of the reader as the sibling's
            // own values: the sibling's map is then this one, without a copy.
            return sibling is not null && IsSameAs(sibling, names, values, count)
                ? sibling
                : new AttributeMap(NamesLike(sibling, names, count), values[..count], count);
        }
        finally
        {
            ReturnScratch(names, count);
            ReturnScratch(values, count);
        }
    }

    private static bool IsSameAs(AttributeMap sibling, string[] names, DynamoValue[] values, int count)
    {
        if (sibling.Count != count || !sibling.Names.SequenceEqual(names.AsSpan(0, count)))
        {
            return false;
        }

        for (var i = 0; i < count; i++)
        {
            if (!sibling.ValueAt(i).IsSameInstance(values[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsSameAs(DynamoValue[] sibling, DynamoValue[] items, int count)
    {
        if (sibling.Length != count)
        {
            return false;
        }

        for (var i = 0; i < count; i++)
        {
            if (!sibling[i].IsSameInstance(items[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static DynamoValue? Sibling(AttributeMap? sibling, string name) =>
        sibling is not null && sibling.TryGetValue(name, out var value) ? value : null;

    /// <summary>The sibling's names array when it holds the same (interned) names in the same order, else a shared
    /// one.</summary>
    private static string[] NamesLike(AttributeMap? sibling, string[] names, int count)
    {
        if (sibling is null || !sibling.Names.SequenceEqual(names.AsSpan(0, count)))
        {
            return NameLists.Get(names.AsSpan(0, count));
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
            throw e.WithinAttribute(name);
        }
    }

    private static void CheckUnique(ReadOnlySpan<string> names, string name)
    {
        foreach (var existing in names)
        {
            if (AttributeMap.SameName(existing, name))
            {
                throw new DecodingException("attribute appears twice").WithinAttribute(name);
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
            AttributeType.S => DynamoValue.FromString(SameText(ref reader, sibling, AttributeType.S) ?? ReadString(ref reader, "S value")),
            AttributeType.N => DynamoValue.FromValidatedNumber(SameText(ref reader, sibling, AttributeType.N) ?? ReadNumberText(ref reader)),
            AttributeType.B => DynamoValue.FromBinary(ReadBinary(ref reader)),
            AttributeType.BOOL => DynamoValue.FromBool(ReadBool(ref reader)),
            AttributeType.NULL => ReadNull(ref reader),
            AttributeType.SS => DynamoValue.FromStringSet(ReadSet(ref reader, static (ref Utf8JsonReader r) => ReadString(ref r, "SS value"), StringComparer.Ordinal)),
            AttributeType.NS => DynamoValue.FromNumberSet(ReadSet(ref reader, static (ref Utf8JsonReader r) => DynamoNumber.FromValidated(ReadNumberText(ref r)), EqualityComparer<DynamoNumber>.Default)),
            AttributeType.BS => DynamoValue.FromBinarySet(ReadSet(ref reader, static (ref Utf8JsonReader r) => ReadBinary(ref r), DynamoValue.ByteArrayComparer.Instance)),
            AttributeType.M => DynamoValue.FromMap(ReadNested(ref reader, depth, sibling is { Type: AttributeType.M } map ? map.AsMap() : null)),
            AttributeType.L => DynamoValue.FromList(ReadList(ref reader, depth, sibling is { Type: AttributeType.L } list ? list.ListItems : null)),
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
        return JsonStrings.Is(ref reader, text) ? text : null;
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
        // DynamoDB never escapes a type tag, but "\u0053" is the JSON string "S" all the same.
        AttributeType? escaped = name switch
        {
            "S" => AttributeType.S,
            "N" => AttributeType.N,
            "B" => AttributeType.B,
            "M" => AttributeType.M,
            "L" => AttributeType.L,
            "SS" => AttributeType.SS,
            "NS" => AttributeType.NS,
            "BS" => AttributeType.BS,
            "NULL" => AttributeType.NULL,
            "BOOL" => AttributeType.BOOL,
            _ => null,
        };
        if (escaped is { } type)
        {
            return type;
        }

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

    /// <summary><paramref name="what"/> is a constant ("S value"): building it here would cost a string per value.</summary>
    private static string ReadString(ref Utf8JsonReader reader, string what) => reader.TokenType == JsonTokenType.String
        ? ValueStrings.Read(ref reader, what)
        : throw new DecodingException($"{what} must be a JSON string, found {Describe(reader.TokenType)}");

    private static string ReadNumberText(ref Utf8JsonReader reader)
    {
        // DynamoDB sends numbers as strings precisely so that no JSON parser rounds them.
        var text = reader.TokenType == JsonTokenType.String
            ? ValueStrings.Read(ref reader, "N value")
            : throw new DecodingException($"N value must be a JSON string of digits, found {Describe(reader.TokenType)}");
        return DynamoNumber.Validate(text, out var error) ? text : throw new DecodingException(error);
    }

    private static byte[] ReadBinary(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new DecodingException($"B value must be a base64 JSON string, found {Describe(reader.TokenType)}");
        }

        return JsonStrings.Base64(ref reader) ?? throw new DecodingException("B value is not valid base64");
    }

    private delegate T ElementReader<out T>(ref Utf8JsonReader reader);

    private static T[] ReadSet<T>(ref Utf8JsonReader reader, ElementReader<T> readElement, IEqualityComparer<T> comparer)
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
        if (items.Count == 0)
        {
            throw new DecodingException("set is empty");
        }

        CheckDistinct(items, comparer);
        return items.ToArray();
    }

    /// <summary>A set holds each element once (numbers by value: DynamoDB stores 1.0 and 1 as one number); a
    /// repeated element would make the set's size and equality depend on the reader.</summary>
    private static void CheckDistinct<T>(List<T> items, IEqualityComparer<T> comparer)
    {
        if (items.Count > 16)
        {
            var seen = new HashSet<T>(items.Count, comparer);
            for (var i = 0; i < items.Count; i++)
            {
                if (!seen.Add(items[i]))
                {
                    throw Repeated(i);
                }
            }

            return;
        }

        for (var i = 1; i < items.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (comparer.Equals(items[i], items[j]))
                {
                    throw Repeated(i);
                }
            }
        }
    }

    private static DecodingException Repeated(int index) =>
        new DecodingException("set holds an element twice").Within(string.Create(CultureInfo.InvariantCulture, $"[{index}]"));

    private static AttributeMap ReadNested(ref Utf8JsonReader reader, int depth, AttributeMap? sibling)
    {
        CheckDepth(depth);
        return ReadMap(ref reader, depth + 1, sibling);
    }

    private static DynamoValue[] ReadList(ref Utf8JsonReader reader, int depth, DynamoValue[]? sibling)
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

                items[count] = ReadElement(ref reader, depth, count, sibling is not null && count < sibling.Length ? sibling[count] : null);
                count++;
            }

            if (count == 0)
            {
                return [];
            }

            // An unchanged list (a MODIFY's order lines) is the sibling's own array.
            return sibling is not null && IsSameAs(sibling, items, count) ? sibling : items[..count];
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
