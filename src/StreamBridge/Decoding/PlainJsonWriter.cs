using System.Text.Json;

namespace Bus.StreamBridge.Decoding;

/// <summary>
/// Writes decoded values as plain JSON: S → string, N → JSON number with exactly DynamoDB's digits, B → base64
/// string, SS/NS/BS → arrays, M → object, L → array, NULL → null, BOOL → boolean.
/// </summary>
public static class PlainJsonWriter
{
    public static void WriteMap(Utf8JsonWriter writer, AttributeMap map)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(map);
        writer.WriteStartObject();
        var names = map.Names;
        for (var i = 0; i < names.Length; i++)
        {
            writer.WritePropertyName(names[i]);
            WriteValue(writer, map.ValueAt(i));
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes <paramref name="map"/>, or JSON null when it is absent.</summary>
    public static void WriteMapOrNull(Utf8JsonWriter writer, AttributeMap? map)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (map is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            WriteMap(writer, map);
        }
    }

    public static void WriteValue(Utf8JsonWriter writer, DynamoValue value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (value.Type)
        {
            case AttributeType.S:
                writer.WriteStringValue(value.AsString());
                break;
            case AttributeType.N:
                WriteNumber(writer, value.AsNumber());
                break;
            case AttributeType.B:
                writer.WriteBase64StringValue(value.AsBinary());
                break;
            case AttributeType.BOOL:
                writer.WriteBooleanValue(value.AsBool());
                break;
            case AttributeType.NULL:
                writer.WriteNullValue();
                break;
            case AttributeType.SS:
                writer.WriteStartArray();
                foreach (var item in value.AsStringSet())
                {
                    writer.WriteStringValue(item);
                }

                writer.WriteEndArray();
                break;
            case AttributeType.NS:
                writer.WriteStartArray();
                foreach (var item in value.AsNumberSet())
                {
                    WriteNumber(writer, item);
                }

                writer.WriteEndArray();
                break;
            case AttributeType.BS:
                writer.WriteStartArray();
                foreach (var item in value.AsBinarySet())
                {
                    writer.WriteBase64StringValue(item);
                }

                writer.WriteEndArray();
                break;
            case AttributeType.M:
                WriteMap(writer, value.AsMap());
                break;
            case AttributeType.L:
                writer.WriteStartArray();
                foreach (var item in value.AsList())
                {
                    WriteValue(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(value), value.Type, "unknown attribute type");
        }
    }

    /// <summary>The map as a plain JSON document.</summary>
    public static string ToJson(AttributeMap map)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            WriteMap(writer, map);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writer options for plain JSON meant for people and files: text in the Basic Multilingual Plane as is;
    /// other characters (emoji) \u-escaped as surrogate pairs, which is still the same JSON string.</summary>
    public static JsonWriterOptions Options { get; } = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    private static void WriteNumber(Utf8JsonWriter writer, DynamoNumber number) =>
        // The text was validated by the decoder; JSON numbers may carry any number of digits.
        writer.WriteRawValue(number.ToJsonNumber(), skipInputValidation: true);
}
