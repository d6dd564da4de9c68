using System.Text.Json.Nodes;

namespace Bus.Contracts.Tests;

/// <summary>
/// What goes over the wire for a set of event contracts, as a consumer sees it: each event's message URN and exchange,
/// each JSON property with its type, whether it is <c>required</c> and whether it can be null; the object types the
/// events contain; each enum's members and how they are written. Written to and read from JSON in a canonical order,
/// so that two equal contracts have equal text.
/// </summary>
public sealed record WireContract(
    IReadOnlyDictionary<string, WireEvent> Events,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, WireProperty>> Types,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Enums)
{
    public string ToJson()
    {
        var root = new JsonObject
        {
            ["events"] = Sorted(Events, e => new JsonObject
            {
                ["urn"] = e.Urn,
                ["entityName"] = e.EntityName,
                ["properties"] = Properties(e.Properties),
            }),
            ["types"] = Sorted(Types, Properties),
            ["enums"] = Sorted(Enums, members => Sorted(members, wire => JsonValue.Create(wire))),
        };
        return root.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    public static WireContract FromJson(string json)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        return new WireContract(
            root["events"]!.AsObject().ToDictionary(e => e.Key, e => new WireEvent(
                (string)e.Value!["urn"]!, (string?)e.Value["entityName"], ReadProperties(e.Value["properties"]!))),
            root["types"]!.AsObject().ToDictionary(t => t.Key, t => (IReadOnlyDictionary<string, WireProperty>)ReadProperties(t.Value!)),
            root["enums"]!.AsObject().ToDictionary(
                e => e.Key,
                e => (IReadOnlyDictionary<string, string>)e.Value!.AsObject().ToDictionary(m => m.Key, m => (string)m.Value!)));
    }

    private static JsonObject Properties(IReadOnlyDictionary<string, WireProperty> properties) =>
        Sorted(properties, p => new JsonObject { ["type"] = p.Type, ["required"] = p.Required, ["nullable"] = p.Nullable });

    private static Dictionary<string, WireProperty> ReadProperties(JsonNode node) =>
        node.AsObject().ToDictionary(p => p.Key, p => new WireProperty((string)p.Value!["type"]!, (bool)p.Value["required"]!, (bool)p.Value["nullable"]!));

    private static JsonObject Sorted<T>(IReadOnlyDictionary<string, T> values, Func<T, JsonNode?> node)
    {
        var result = new JsonObject();
        foreach (var (key, value) in values.OrderBy(v => v.Key, StringComparer.Ordinal))
            result[key] = node(value);
        return result;
    }
}

/// <summary>An event: its MassTransit message URN, its exchange (entity name; null when the type does not pin one) and its
/// properties by JSON name.</summary>
public sealed record WireEvent(string Urn, string? EntityName, IReadOnlyDictionary<string, WireProperty> Properties);

/// <summary>A JSON property: <paramref name="Type"/> names a primitive (<c>string</c>, <c>int32</c>, <c>decimal</c>…),
/// <c>list&lt;…&gt;</c>, or a contract object or enum type by its full name.</summary>
public sealed record WireProperty(string Type, bool Required, bool Nullable);
