using Bus.StreamBridge.Decoding;
using Bus.StreamBridge.Records;

namespace Bus.Demo.Replay;

/// <summary>Finds and reads batch files, all of them before anything runs, so a bad file stops the demo before a single
/// record is published.</summary>
public static class BatchFiles
{
    /// <summary>Extensions taken from a directory: captured Lambda events and JSON Lines of them.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".json", ".jsonl", ".ndjson"];

    /// <summary>The samples shipped beside the demo (a copy of the repository's <c>samples/</c>).</summary>
    public static string SamplesDirectory => Path.Combine(AppContext.BaseDirectory, "samples");

    /// <summary>Reads every file named, and every batch file directly inside every directory named, in name order.</summary>
    /// <exception cref="InvalidInputException">A path does not exist, a directory holds no batch file, or a file is not a
    /// Lambda stream event or JSON Lines of them.</exception>
    public static async Task<IReadOnlyList<BatchFile>> ReadAsync(IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var files = new List<BatchFile>();
        foreach (var path in paths.SelectMany(Expand))
        {
            files.Add(await ReadFileAsync(path, cancellationToken));
        }

        return files;
    }

    private static IEnumerable<string> Expand(string path)
    {
        if (File.Exists(path))
        {
            return [path];
        }

        if (!Directory.Exists(path))
        {
            throw new InvalidInputException($"{path}: no such file or directory");
        }

        var inside = Directory.EnumerateFiles(path)
            .Where(file => Extensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
        return inside.Count > 0
            ? inside
            : throw new InvalidInputException($"{path}: no batch files ({string.Join(", ", Extensions.Select(e => "*" + e))}) in this directory");
    }

    private static async Task<BatchFile> ReadFileAsync(string path, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidInputException($"{path}: {e.Message}", e);
        }

        try
        {
            var events = StreamEventReader.Read(bytes);
            return events.Count > 0 ? new BatchFile(path, events) : throw new InvalidInputException($"{path}: the file holds no stream event");
        }
        catch (DecodingException e)
        {
            throw new InvalidInputException($"{path}: {e.Message}", e);
        }
    }
}
