using Bus.Contracts;
using Bus.StreamBridge.Decoding;
using Bus.StreamBridge.Records;

namespace Bus.StreamBridge.Tests.Builders;

/// <summary>Decoded change records built directly, for routing and processing tests.</summary>
internal static class ChangeRecords
{
    public static ChangeRecord Change(
        string table,
        AttributeMap keys,
        AttributeMap? newImage = null,
        AttributeMap? oldImage = null,
        ChangeKind kind = ChangeKind.Insert,
        StreamViewType? viewType = StreamViewType.NewAndOldImages,
        string eventId = "evt-1") => new()
        {
            Position = 0,
            Source = ChangeSource.DynamoDbStreams,
            EventId = eventId,
            Kind = kind,
            TableName = table,
            Checkpoint = SequenceNumber.Parse("100"),
            ApproximateCreationTime = DateTimeOffset.FromUnixTimeSeconds(1793000007),
            ViewType = viewType,
            Keys = keys,
            NewImage = newImage,
            OldImage = oldImage,
        };
}
