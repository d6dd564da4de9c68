using System.Text;
using Bus.StreamBridge.Decoding;
using Bus.StreamBridge.Records;

namespace Bus.StreamBridge.Tests.Builders;

/// <summary>Decoding entry points for JSON written inline in tests.</summary>
internal static class Json
{
    public static byte[] Utf8(string json) => Encoding.UTF8.GetBytes(json);

    public static AttributeMap Map(string json) => AttributeValueReader.ParseMap(Utf8(json));

    /// <summary>Decodes one attribute value object, e.g. <c>{"N": "1"}</c>.</summary>
    public static DynamoValue Value(string valueJson) => Map($$"""{"a": {{valueJson}}}""")["a"];

    public static ChangeRecord Record(string json, int position = 0) =>
        ChangeRecordDecoder.Decode(new RecordSlice(position, Utf8(json)));
}
