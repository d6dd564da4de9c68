using System.Text.Json;
using Bus.Demo.Replay;

namespace Bus.Demo.Tests;

/// <summary>The sample batches read as plain change records (both the DynamoDB Streams and the Kinesis form), so the
/// specs derive what the external systems must receive from the files themselves.</summary>
internal sealed class SampleFacts
{
    private SampleFacts(IReadOnlyList<Change> changes) => Changes = changes;

    public IReadOnlyList<Change> Changes { get; }

    public static SampleFacts Read(string directory) =>
        new([.. Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal).SelectMany(ReadFile)]);

    /// <summary>Changes of the DynamoDB Streams files (the Kinesis file repeats some of them under the same eventID).</summary>
    public IEnumerable<Change> Of(string table, string eventName) =>
        Changes.Where(c => c.Table == table && c.EventName == eventName).DistinctBy(c => c.EventId);

    public static string EffectKey(string effect, Change change, string eventType) => $"{effect}:{change.EventId}:{eventType}";

    private static IEnumerable<Change> ReadFile(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        foreach (var record in document.RootElement.GetProperty("Records").EnumerateArray())
        {
            if (record.TryGetProperty("kinesis", out var kinesis))
            {
                using var inner = JsonDocument.Parse(Convert.FromBase64String(kinesis.GetProperty("data").GetString()!));
                var change = inner.RootElement;
                yield return Build(path, change.GetProperty("eventID").GetString()!, change.GetProperty("tableName").GetString()!,
                    change.GetProperty("eventName").GetString()!, change.GetProperty("dynamodb"));
            }
            else
            {
                var table = record.GetProperty("eventSourceARN").GetString()!.Split('/')[1];
                yield return Build(path, record.GetProperty("eventID").GetString()!, table, record.GetProperty("eventName").GetString()!,
                    record.GetProperty("dynamodb"));
            }
        }
    }

    private static Change Build(string path, string eventId, string table, string eventName, JsonElement dynamodb) =>
        new(Path.GetFileName(path), eventId, table, eventName, Plain(dynamodb.GetProperty("Keys")),
            dynamodb.TryGetProperty("OldImage", out var old) ? Plain(old) : null,
            dynamodb.TryGetProperty("NewImage", out var @new) ? Plain(@new) : null);

    private static Dictionary<string, string> Plain(JsonElement image)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var attribute in image.EnumerateObject())
        {
            var typed = attribute.Value.EnumerateObject().First();
            values[attribute.Name] = typed.Name switch
            {
                "S" or "N" => typed.Value.GetString()!,
                "BOOL" => typed.Value.GetBoolean() ? "true" : "false",
                _ => typed.Value.GetRawText(),
            };
        }

        return values;
    }

    internal sealed record Change(
        string File,
        string EventId,
        string Table,
        string EventName,
        IReadOnlyDictionary<string, string> Keys,
        IReadOnlyDictionary<string, string>? Old,
        IReadOnlyDictionary<string, string>? New)
    {
        public string? NewValue(string name) => New?.GetValueOrDefault(name);

        public string? OldValue(string name) => Old?.GetValueOrDefault(name);

        public string Key(string name) => Keys[name];
    }

    public static string SamplesDirectory => BatchFiles.SamplesDirectory;
}
