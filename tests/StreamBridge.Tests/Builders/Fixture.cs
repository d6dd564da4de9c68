using Bus.StreamBridge.Records;

namespace Bus.StreamBridge.Tests.Builders;

/// <summary>Captured stream events stored under <c>Fixtures/</c> and the repository's <c>samples/</c>.</summary>
internal static class Fixture
{
    public static byte[] Bytes(string relativePath) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, relativePath));

    public static byte[] Stream(string name) => Bytes(Path.Combine("Fixtures", "Streams", name));

    public static IReadOnlyList<StreamEvent> Events(string name) => StreamEventReader.Read(Stream(name));

    /// <summary>The records of a single-event fixture, decoded.</summary>
    public static ChangeRecord[] Records(string name) =>
        [.. Events(name).Single().Records.Select(ChangeRecordDecoder.Decode)];

    public static ChangeRecord Record(string name, int index = 0) => Records(name)[index];
}
