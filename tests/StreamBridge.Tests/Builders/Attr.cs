using Bus.StreamBridge.Decoding;

namespace Bus.StreamBridge.Tests.Builders;

/// <summary>Short constructors for attribute values and item images.</summary>
internal static class Attr
{
    public static DynamoValue Null => DynamoValue.Null;

    public static DynamoValue S(string value) => DynamoValue.FromString(value);

    public static DynamoValue N(string text) => DynamoValue.FromNumber(DynamoNumber.Parse(text));

    public static DynamoValue Bool(bool value) => DynamoValue.FromBool(value);

    public static DynamoValue B(params byte[] bytes) => DynamoValue.FromBinary(bytes);

    public static DynamoValue SS(params string[] values) => DynamoValue.FromStringSet(values);

    public static DynamoValue NS(params string[] values) => DynamoValue.FromNumberSet([.. values.Select(DynamoNumber.Parse)]);

    public static DynamoValue BS(params byte[][] values) => DynamoValue.FromBinarySet(values);

    public static DynamoValue L(params DynamoValue[] values) => DynamoValue.FromList(values);

    public static DynamoValue M(params (string Name, DynamoValue Value)[] attributes) => DynamoValue.FromMap(Item(attributes));

    public static AttributeMap Item(params (string Name, DynamoValue Value)[] attributes) =>
        AttributeMap.Create(attributes.Select(a => KeyValuePair.Create(a.Name, a.Value)));

    /// <summary>The same image with <paramref name="name"/> set to <paramref name="value"/> (in place, or appended).</summary>
    public static AttributeMap With(this AttributeMap image, string name, DynamoValue value)
    {
        var replaced = image.Select(p => p.Key == name ? KeyValuePair.Create(name, value) : p).ToList();
        if (!image.Contains(name))
        {
            replaced.Add(KeyValuePair.Create(name, value));
        }

        return AttributeMap.Create(replaced);
    }

    /// <summary>The same image without <paramref name="name"/>.</summary>
    public static AttributeMap Without(this AttributeMap image, string name) =>
        AttributeMap.Create(image.Where(p => p.Key != name));
}
