using System.Text;
using System.Text.Json;

namespace Bus.StreamBridge.Tests.BadInput.Fuzzing;

/// <summary>What the fuzzer starts from: every record of the captured samples and fixtures, and the small corpus
/// records (each already wrong in one way, a good place to go wrong in another).</summary>
internal static class FuzzSeeds
{
    private const string RecordsArray = "Records";

    private static readonly Lazy<byte[][]> All = new(Load);
    private static readonly Lazy<byte[][]> WholeEvents = new(LoadEvents);

    /// <summary>Single records: the valid ones, the fixtures' and the corpus's.</summary>
    public static IReadOnlyList<byte[]> Records => All.Value;

    /// <summary>Whole invocation inputs: the valid batches, the stream fixtures and the corpus's events.</summary>
    public static IReadOnlyList<byte[]> Events => WholeEvents.Value;

    /// <summary>A valid record half of the time (mutations of those reach furthest), else any record.</summary>
    public static byte[] PickRecord(Random random) =>
        random.Next(2) == 0 ? ValidRecords[random.Next(ValidRecords.Count)] : Records[random.Next(Records.Count)];

    /// <summary>The valid records only.</summary>
    public static IReadOnlyList<byte[]> ValidRecords { get; } = [.. CorpusBatches.Valid("dynamodb"), .. CorpusBatches.Valid("kinesis")];

    private static byte[][] Load()
    {
        var records = new List<byte[]>(ValidRecords);
        var fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Streams");
        foreach (var file in new[] { "every-attribute-type.json", "customer-address-reordered.json", "customer-removes.json", "kinesis-precisions.json" })
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(fixtures, file)));
            records.AddRange(json.RootElement.GetProperty(RecordsArray).EnumerateArray().Select(r => Encoding.UTF8.GetBytes(r.GetRawText())));
        }

        records.AddRange(Corpus.Entries
            .Where(e => e.Shape == CorpusShapes.Record)
            .OrderBy(e => e.File, StringComparer.Ordinal)
            .Select(e => Corpus.Read(e.File))
            .Where(bytes => bytes.Length < 16 * 1024));
        return [.. records];
    }

    private static byte[][] LoadEvents()
    {
        var fixtures = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Streams")).Order(StringComparer.Ordinal);
        return
        [
            Corpus.Read(Corpus.StreamBatchFile),
            Corpus.Read(Corpus.KinesisBatchFile),
            .. fixtures.Select(File.ReadAllBytes),
            .. Corpus.Entries
                .Where(e => e.Shape == CorpusShapes.Event)
                .OrderBy(e => e.File, StringComparer.Ordinal)
                .Select(e => Corpus.Read(e.File))
                .Where(bytes => bytes.Length < 64 * 1024),
        ];
    }
}
