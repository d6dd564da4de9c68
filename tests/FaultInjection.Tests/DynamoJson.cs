using System.Globalization;
using System.Text.Json.Nodes;

namespace Bus.FaultInjection.Tests;

/// <summary>DynamoDB's attribute-value JSON (<c>{"S": "…"}</c>, <c>{"N": "…"}</c>, …) for the generator's images.</summary>
public static class DynamoJson
{
    public static JsonObject S(string value) => new() { ["S"] = value };

    public static JsonObject N(long value) => new() { ["N"] = value.ToString(CultureInfo.InvariantCulture) };

    public static JsonObject N(decimal value) => new() { ["N"] = value.ToString(CultureInfo.InvariantCulture) };

    public static JsonObject Bool(bool value) => new() { ["BOOL"] = value };

    public static JsonObject M(JsonObject map) => new() { ["M"] = map };

    public static JsonObject L(IEnumerable<JsonNode> items) => new() { ["L"] = new JsonArray([.. items]) };

    public static string? StringOf(JsonObject? image, string name) =>
        image?[name] is JsonObject value && value["S"] is JsonValue s ? s.GetValue<string>() : null;
}
