namespace Bus.StreamBridge.Tests.BadInput;

/// <summary>The committed corpus is the generator's output, and covers what it must.</summary>
public sealed class CorpusFileSpecs
{
    [Fact]
    public void The_committed_corpus_is_what_the_generator_writes()
    {
        var generated = CorpusGenerator.Generate();
        var directory = Corpus.SourceDirectory();
        if (Environment.GetEnvironmentVariable("BUS_WRITE_CORPUS") == "1")
        {
            Write(directory, generated);
        }

        var committed = Directory.Exists(directory)
            ? Directory.GetFiles(directory, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(directory, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList()
            : [];
        Assert.Equal(generated.Keys, committed);
        foreach (var (file, content) in generated)
        {
            Assert.True(content.AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(directory, file))),
                $"corpus/{file} is not what the generator writes; rewrite the corpus with BUS_WRITE_CORPUS=1 (see docs/bad-input.md)");
        }
    }

    [Fact]
    public void The_corpus_holds_at_least_200_hostile_inputs_across_every_category()
    {
        var hostile = Corpus.Entries.Where(e => e.Outcome is not CorpusOutcomes.Published).ToList();

        Assert.True(hostile.Count >= 200, $"{hostile.Count} hostile inputs");
        Assert.Subset(
            Corpus.Entries.Select(e => e.Category).ToHashSet(),
            new HashSet<string>
            {
                "record-shape", "event-id", "event-name", "table", "dynamodb", "sequence-number", "view-type", "creation-time",
                "size-bytes", "user-identity", "images", "keys", "repeated-names", "attribute-values", "numbers", "binary", "sets",
                "nesting", "unicode", "size", "schema-orders", "schema-customers", "schema-inventory", "version", "duplicates",
                "foreign-records", "kinesis-data", "kinesis-record-format", "kinesis-fields", "kinesis-creation-time",
                "kinesis-content", "kinesis-duplicates", "envelope",
            });
        Assert.All(Corpus.Entries, e => Assert.True(File.Exists(Path.Combine(Corpus.OutputDirectory, e.File)), e.File));
    }

    private static void Write(string directory, SortedDictionary<string, byte[]> files)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        foreach (var (file, content) in files)
        {
            var path = Path.Combine(directory, file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, content);
        }
    }
}
