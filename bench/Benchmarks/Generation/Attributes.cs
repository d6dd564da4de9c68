using System.Globalization;
using System.Text.Json;

namespace Bus.Benchmarks.Generation;

/// <summary>Writes single DynamoDB attribute values (<c>"name": {"S": "…"}</c>) in the stream's JSON.</summary>
internal static class Attributes
{
    public static void S(Utf8JsonWriter writer, string name, string value)
    {
        writer.WriteStartObject(name);
        writer.WriteString("S"u8, value);
        writer.WriteEndObject();
    }

    public static void N(Utf8JsonWriter writer, string name, long value)
    {
        writer.WriteStartObject(name);
        writer.WriteString("N"u8, value.ToString(CultureInfo.InvariantCulture));
        writer.WriteEndObject();
    }

    public static void N(Utf8JsonWriter writer, string name, decimal value)
    {
        writer.WriteStartObject(name);
        writer.WriteString("N"u8, value.ToString("0.00", CultureInfo.InvariantCulture));
        writer.WriteEndObject();
    }

    public static void Bool(Utf8JsonWriter writer, string name, bool value)
    {
        writer.WriteStartObject(name);
        writer.WriteBoolean("BOOL"u8, value);
        writer.WriteEndObject();
    }
}
