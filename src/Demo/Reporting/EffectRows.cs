using System.Text.Json;
using Bus.StandIns;
using Bus.StandIns.Recording;

namespace Bus.Demo.Reporting;

/// <summary>Turns a recorded request into a readable line, by the system and path the services call (docs/services/).
/// Personal details are masked and street addresses left out.</summary>
public static class EffectRows
{
    public static EffectRow Describe(RecordedEffect effect)
    {
        ArgumentNullException.ThrowIfNull(effect);
        var body = effect.Body;
        return (effect.System, effect.Path) switch
        {
            (StandInSystems.MarketingPlatform, "/contacts") => new EffectRow(
                "contact synced",
                Text(body, "customerId"),
                $"e-mail {Masking.Email(Text(body, "email", null))}, opted in: {(Bool(body, "marketingOptIn") ? "yes" : "no")}, revision {Text(body, "revision")}"),
            (StandInSystems.MarketingPlatform, "/contacts/erase") => new EffectRow("contact erased", Text(body, "customerId"), $"revision {Text(body, "revision")}"),
            (StandInSystems.ShippingSystem, "/addresses") when Bool(body, "erased") => new EffectRow("address erased", Text(body, "customerId"), "-"),
            (StandInSystems.ShippingSystem, "/addresses") => new EffectRow("address pushed", Text(body, "customerId"), Place(body)),
            (StandInSystems.ShippingSystem, "/shipments") => new EffectRow(
                "shipment requested",
                $"order {Text(body, "orderId")}",
                $"customer {Text(body, "customerId")}, {Count(body, "lines")} line(s), to {Place(body)}"),
            (StandInSystems.ShippingSystem, "/shipments/cancel") => new EffectRow(
                "shipment cancelled", $"order {Text(body, "orderId")}", $"was {Text(body, "previousStatus")}"),
            (StandInSystems.Email, "/emails") => new EffectRow(
                "e-mail sent", Masking.Email(Text(body, "to", null)), $"\"{Text(body, "subject")}\"{Tracking(Text(body, "text", null))}"),
            (StandInSystems.Sms, "/sms") => new EffectRow("SMS sent", Masking.Phone(Text(body, "to", null)), $"\"{Text(body, "text")}\""),
            (StandInSystems.Purchasing, "/alerts") => new EffectRow(
                "low-stock alert",
                $"{Text(body, "productId")} ({Text(body, "sku")})",
                $"{Text(body, "quantity")} left, threshold {Text(body, "threshold")}, reorder {Text(body, "suggestedOrderQuantity")}"),
            _ => new EffectRow($"POST {effect.Path}", effect.Key, "-"),
        };
    }

    private static string Place(JsonElement body)
    {
        if (!body.TryGetProperty("address", out var address) || address.ValueKind != JsonValueKind.Object)
        {
            return "no address";
        }

        var city = Text(address, "city", null);
        var country = Text(address, "country", null);
        return city is null && country is null ? "an address without city or country" : $"{city ?? "?"}, {country ?? "?"} (street withheld)";
    }

    private static string Tracking(string? text)
    {
        var line = text?.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("Tracking number:", StringComparison.Ordinal));
        return line is null ? string.Empty : $", {char.ToLowerInvariant(line[0])}{line[1..]}";
    }

    private static int Count(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? value.GetArrayLength() : 0;

    private static bool Bool(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    private static string Text(JsonElement body, string name) => Text(body, name, null) ?? "-";

    private static string? Text(JsonElement body, string name, string? missing)
    {
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty(name, out var value))
        {
            return missing;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => missing,
        };
    }
}
