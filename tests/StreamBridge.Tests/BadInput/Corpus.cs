using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bus.StreamBridge.Tests.BadInput;

/// <summary>The committed corpus: its manifest and files, as copied beside the test assembly.</summary>
internal static class Corpus
{
    public const string ManifestFile = "manifest.json";
    public const string StreamBatchFile = "valid/dynamodb.json";
    public const string KinesisBatchFile = "valid/kinesis.json";

    public static readonly JsonSerializerOptions ManifestOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly Lazy<Dictionary<string, CorpusEntry>> Manifest = new(() =>
        JsonSerializer.Deserialize<List<CorpusEntry>>(Read(ManifestFile), ManifestOptions)!.ToDictionary(e => e.File, StringComparer.Ordinal));

    /// <summary>Where the tests read the corpus: copied beside the test assembly.</summary>
    public static string OutputDirectory => Path.Combine(AppContext.BaseDirectory, "BadInput", "corpus");

    /// <summary>Where the corpus is committed, for the generator to compare with or rewrite.</summary>
    public static string SourceDirectory([CallerFilePath] string thisFile = "") => Path.Combine(Path.GetDirectoryName(thisFile)!, "corpus");

    public static IReadOnlyCollection<CorpusEntry> Entries => Manifest.Value.Values;

    public static CorpusEntry Entry(string file) => Manifest.Value[file];

    public static byte[] Read(string file) => File.ReadAllBytes(Path.Combine(OutputDirectory, file));

    /// <summary>Entry files for a theory, filtered.</summary>
    public static TheoryData<string> Files(Func<CorpusEntry, bool> where)
    {
        var data = new TheoryData<string>();
        foreach (var entry in Entries.Where(where).OrderBy(e => e.File, StringComparer.Ordinal))
        {
            data.Add(entry.File);
        }

        return data;
    }
}
