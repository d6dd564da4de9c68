using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bus.StreamBridge.Tests.BadInput;

/// <summary>
/// Writes the bad-input corpus: every file under <c>corpus/</c> and its manifest. Deterministic, so the committed
/// files can be checked against it (<see cref="CorpusFileSpecs"/>); run with <c>BUS_WRITE_CORPUS=1</c> to rewrite
/// them after changing an entry.
/// </summary>
internal sealed partial class CorpusGenerator
{
    private readonly List<(CorpusEntry Entry, byte[] Content)> _entries = [];
    private readonly byte[] _streamSample;

    private CorpusGenerator(byte[] streamSample) => _streamSample = streamSample;

    /// <summary>Every corpus file by path under <c>corpus/</c>, the manifest and the valid batches included.</summary>
    public static SortedDictionary<string, byte[]> Generate()
    {
        var streamSample = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "samples", "dynamodb-new-and-old-images.json"));
        var generator = new CorpusGenerator(streamSample);
        generator.RecordShapes();
        generator.RecordFields();
        generator.ImagesAndKeys();
        generator.RepeatedNames();
        generator.AttributeValues();
        generator.Numbers();
        generator.BinariesAndSets();
        generator.Nesting();
        generator.Unicode();
        generator.Sizes();
        generator.Schemas();
        generator.Duplicates();
        generator.ForeignRecords();
        generator.KinesisRecords();
        generator.Events();

        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal)
        {
            [Corpus.StreamBatchFile] = streamSample,
            [Corpus.KinesisBatchFile] = Resequenced(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", "kinesis-data-streams.json"))),
        };
        foreach (var (entry, content) in generator._entries)
        {
            if (!files.TryAdd(entry.File, content))
            {
                throw new InvalidOperationException($"two corpus entries are named {entry.File}");
            }
        }

        files[Corpus.ManifestFile] = Manifest(generator._entries.Select(e => e.Entry).OrderBy(e => e.File, StringComparer.Ordinal));
        return files;
    }

    /// <summary>The Kinesis sample with every sequence number multiplied by ten, leaving room between records for
    /// the corpus's own (DynamoDB Streams numbers in the other sample already have room).</summary>
    private static byte[] Resequenced(string sample)
    {
        var root = JsonNode.Parse(sample)!;
        foreach (var record in root["Records"]!.AsArray())
        {
            var sequence = record!["kinesis"]!["sequenceNumber"]!.GetValue<string>() + "0";
            record["kinesis"]!["sequenceNumber"] = sequence;
            record["eventID"] = "shardId-000000000000:" + sequence;
        }

        return Encoding.UTF8.GetBytes(root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    private static byte[] Manifest(IEnumerable<CorpusEntry> entries) => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(entries, Corpus.ManifestOptions) + "\n");

    /// <summary>What an entry must come to.</summary>
    private sealed record Expect(string Outcome, string? Stage = null, string? Reason = null, int Events = 0)
    {
        public bool NoEventId { get; init; }

        public bool NoSequence { get; init; }

        public string? EventId { get; init; }

        public string? Sequence { get; init; }

        /// <summary>Reports cannot read the record's eventID.</summary>
        public Expect Anonymous => this with { NoEventId = true };

        /// <summary>Reports cannot read the record's sequence number.</summary>
        public Expect Unsequenced => this with { NoSequence = true };

        public Expect Named(string eventId) => this with { EventId = eventId };
    }

    private static Expect Decode(string reason) => new(CorpusOutcomes.Stored, "Decode", reason);

    private static Expect Translate(string reason) => new(CorpusOutcomes.Stored, "Translate", reason);

    private static Expect Skipped => new(CorpusOutcomes.Skipped);

    private static Expect Published(int events = 1) => new(CorpusOutcomes.Published, Events: events);

    /// <summary>A DynamoDB Streams record: the base change of <paramref name="table"/>, edited.</summary>
    private void Stream(string name, string category, string description, Expect expect, Action<CorpusDraft>? edit = null,
        string table = "Orders", string eventName = "MODIFY")
    {
        var draft = new CorpusDraft(CorpusBases.Stream("bad-" + name, table, eventName));
        edit?.Invoke(draft);
        Add($"records/dynamodb/{name}.json", "dynamodb", category, description, expect, draft.ToBytes(),
            "bad-" + name, CorpusBases.StreamSequence);
    }

    /// <summary>A DynamoDB Streams record given as bytes.</summary>
    private void StreamBytes(string name, string category, string description, Expect expect, byte[] content) =>
        Add($"records/dynamodb/{name}.json", "dynamodb", category, description, expect, content, "bad-" + name, CorpusBases.StreamSequence);

    /// <summary>A Kinesis record around the base change (inner eventID <c>bad-NAME</c>); <paramref name="data"/>
    /// replaces the encoded change when given.</summary>
    private void Kinesis(string name, string category, string description, Expect expect, Action<CorpusDraft>? inner = null,
        Action<CorpusDraft>? outer = null, byte[]? data = null, string eventName = "MODIFY")
    {
        var change = new CorpusDraft(CorpusBases.KinesisChange("bad-" + name, eventName));
        inner?.Invoke(change);
        var record = new CorpusDraft(CorpusBases.Kinesis(data ?? change.ToBytes()));
        outer?.Invoke(record);
        // Decoding errors are reported before the change is read, so they name the Kinesis record; later ones
        // name the change.
        var eventId = expect.Stage == "Decode" ? CorpusBases.KinesisEventId : "bad-" + name;
        Add($"records/kinesis/{name}.json", "kinesis", category, description, expect, record.ToBytes(), eventId, CorpusBases.KinesisSequence);
    }

    private void Add(string file, string source, string category, string description, Expect expect, byte[] content,
        string eventId, string sequence) => _entries.Add((new CorpusEntry
        {
            File = file,
            Shape = CorpusShapes.Record,
            Source = source,
            Category = category,
            Description = description,
            Outcome = expect.Outcome,
            Stage = expect.Stage,
            Reason = expect.Reason,
            EventId = expect.NoEventId ? null : expect.EventId ?? eventId,
            SequenceNumber = expect.NoSequence ? null : expect.Sequence ?? sequence,
            Events = expect.Events,
        }, content));

    /// <summary>A whole invocation's input that is not a stream event.</summary>
    private void Event(string name, string description, string reason, byte[] content, string extension = "json") =>
        _entries.Add((new CorpusEntry
        {
            File = $"events/{name}.{extension}",
            Shape = CorpusShapes.Event,
            Category = "envelope",
            Description = description,
            Outcome = CorpusOutcomes.Rejected,
            Reason = reason,
        }, content));

    /// <summary>A whole invocation's input that is odd but a stream event: handled, <paramref name="events"/> published.</summary>
    private void AcceptedEvent(string name, string description, int events, byte[] content) =>
        _entries.Add((new CorpusEntry
        {
            File = $"events/{name}.json",
            Shape = CorpusShapes.Event,
            Category = "envelope",
            Description = description,
            Outcome = CorpusOutcomes.Published,
            Events = events,
        }, content));

    private static JsonObject Value(string type, JsonNode? value) => new() { [type] = value };

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static string Compact(JsonNode node) => node.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
