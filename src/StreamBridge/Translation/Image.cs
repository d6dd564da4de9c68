using System.Globalization;
using Bus.StreamBridge.Decoding;

namespace Bus.StreamBridge.Translation;

/// <summary>
/// Typed reads of item attributes for translators. An attribute that is absent or DynamoDB NULL reads as null;
/// one of the wrong type is a <see cref="TranslationException"/> naming the attribute and both types.
/// </summary>
public static class Image
{
    public static string? OptionalString(AttributeMap? image, string name) =>
        TryGet(image, name, AttributeType.S, out var value) ? value.AsString() : null;

    /// <summary>The attribute from the image, else from the key attributes; it must be present.</summary>
    public static string RequiredString(AttributeMap? image, AttributeMap keys, string name)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return OptionalString(image, name) ?? OptionalString(keys, name)
            ?? throw new TranslationException($"required attribute '{name}' is missing");
    }

    public static long? OptionalInt64(AttributeMap? image, string name)
    {
        if (!TryGet(image, name, AttributeType.N, out var value))
        {
            return null;
        }

        return value.AsNumber().TryGetInt64(out var number)
            ? number
            : throw new TranslationException($"attribute '{name}' is not an integer within the range of Int64");
    }

    public static decimal? OptionalDecimal(AttributeMap? image, string name)
    {
        if (!TryGet(image, name, AttributeType.N, out var value))
        {
            return null;
        }

        return value.AsNumber().TryGetDecimal(out var number)
            ? number
            : throw new TranslationException($"attribute '{name}' needs more than the 28 digits of System.Decimal");
    }

    public static bool? OptionalBool(AttributeMap? image, string name) =>
        TryGet(image, name, AttributeType.BOOL, out var value) ? value.AsBool() : null;

    public static AttributeMap? OptionalMap(AttributeMap? image, string name) =>
        TryGet(image, name, AttributeType.M, out var value) ? value.AsMap() : null;

    public static IReadOnlyList<DynamoValue>? OptionalList(AttributeMap? image, string name) =>
        TryGet(image, name, AttributeType.L, out var value) ? value.AsList() : null;

    /// <summary>An ISO 8601 calendar date (<c>2025-03-14</c>) stored as S.</summary>
    public static DateOnly? OptionalDate(AttributeMap? image, string name)
    {
        var text = OptionalString(image, name);
        if (text is null)
        {
            return null;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new TranslationException($"attribute '{name}' is not an ISO 8601 date (yyyy-MM-dd)");
    }

    /// <summary>True when the attribute differs between the images: added, removed or changed, compared deeply.
    /// Absent and NULL both mean "no value" and compare equal.</summary>
    public static bool Differs(AttributeMap? oldImage, AttributeMap? newImage, string name)
    {
        var hasOld = TryGetPresent(oldImage, name, out var oldValue);
        var hasNew = TryGetPresent(newImage, name, out var newValue);
        return hasOld != hasNew || (hasOld && !oldValue.Equals(newValue));
    }

    private static bool TryGetPresent(AttributeMap? image, string name, out DynamoValue value)
    {
        value = default;
        return image is not null && image.TryGetValue(name, out value) && value.Type != AttributeType.NULL;
    }

    private static bool TryGet(AttributeMap? image, string name, AttributeType type, out DynamoValue value)
    {
        if (!TryGetPresent(image, name, out value))
        {
            return false;
        }

        return value.Type == type
            ? true
            : throw new TranslationException($"attribute '{name}' is {value.Type}; the table's schema has {type}");
    }
}
