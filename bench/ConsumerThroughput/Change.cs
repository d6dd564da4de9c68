using System.Globalization;
using Bus.Contracts;

namespace Bus.ConsumerThroughput;

/// <summary>Stream metadata as the bridge would stamp it; every benchmark entity is new, so each event is version 1 or 2 of its own item.</summary>
internal static class Change
{
    private static readonly DateTimeOffset At = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    public static ChangeMetadata Of(string table, string key, int index, long version, ChangeKind kind) => new()
    {
        SourceTable = table,
        StreamEventId = string.Create(CultureInfo.InvariantCulture, $"bench-{index}"),
        SequenceNumber = "1" + index.ToString("D20", CultureInfo.InvariantCulture),
        ApproximateCreationTime = At,
        EntityKey = key,
        ItemVersion = version,
        ChangeKind = kind,
        Source = ChangeSource.DynamoDbStreams,
    };

    public static string Id(string kind, int index) => string.Create(CultureInfo.InvariantCulture, $"{kind}-{index:D7}");
}
