using Bus.Contracts;
using Bus.StreamBridge.Decoding;
using Bus.StreamBridge.Translation;

namespace Bus.StreamBridge.Tests.Builders;

/// <summary>Translator inputs and runs for concise translation tests.</summary>
internal static class Changes
{
    public static ChangeMetadata Metadata(ChangeKind kind, string table = "Customers") => new()
    {
        SourceTable = table,
        StreamEventId = "evt-1",
        SequenceNumber = "4421584500000000017450440091",
        ApproximateCreationTime = new DateTimeOffset(2026, 10, 26, 8, 13, 27, TimeSpan.Zero),
        EntityKey = "id=1",
        ItemVersion = 7,
        ChangeKind = kind,
        Source = ChangeSource.DynamoDbStreams,
    };

    public static ChangeInput Insert(AttributeMap newImage, AttributeMap? keys = null) =>
        new(ChangeKind.Insert, keys ?? AttributeMap.Empty, null, newImage, false, Metadata(ChangeKind.Insert));

    public static ChangeInput Modify(AttributeMap oldImage, AttributeMap newImage, AttributeMap? keys = null) =>
        new(ChangeKind.Modify, keys ?? AttributeMap.Empty, oldImage, newImage, false, Metadata(ChangeKind.Modify));

    public static ChangeInput Remove(AttributeMap? oldImage, AttributeMap keys, bool ttl = false) =>
        new(ChangeKind.Remove, keys, oldImage, null, ttl, Metadata(ChangeKind.Remove));

    public static List<IChangeEvent> Run(IChangeTranslator translator, ChangeInput input)
    {
        var events = new List<IChangeEvent>();
        translator.Translate(input, events);
        return events;
    }
}
