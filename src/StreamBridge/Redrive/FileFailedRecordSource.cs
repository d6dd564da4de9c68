using System.Text.Json;
using Bus.StreamBridge.Decoding;
using Bus.StreamBridge.Failures;
using Bus.StreamBridge.Records;

namespace Bus.StreamBridge.Redrive;

/// <summary>
/// The file store's directory (<see cref="FileFailedRecordStore"/>) read back. A redriven record's file moves to the
/// <c>redriven/</c> folder beside the others, so what was replayed can still be looked at; a record that failed again
/// has been rewritten by the store with the new reason, in place (same table and bytes give the same file name).
/// </summary>
public sealed class FileFailedRecordSource(string directory) : IFailedRecordSource
{
    /// <summary>The folder, inside the store's directory, that redriven records' files move to.</summary>
    public const string RedrivenFolder = "redriven";

    private readonly string _directory = Path.GetFullPath(directory);
    private readonly List<string> _paths = [];

    public string Name => $"directory {_directory}";

    public async Task<IReadOnlyList<StoredRecord>> ReadAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(_directory))
        {
            return [];
        }

        // "*.json" alone would not exclude the store's temporary files on every platform.
        var paths = Directory.EnumerateFiles(_directory, "*.json")
            .Where(p => p.EndsWith(".json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        var records = new List<StoredRecord>();
        foreach (var path in paths)
        {
            _paths.Add(path);
            var name = Path.GetFileName(path);
            try
            {
                var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
                records.Add(Parse(records.Count, name, bytes));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or FormatException or InvalidOperationException)
            {
                records.Add(new StoredRecord { Index = records.Count, Id = name, Problem = $"not a failed-record file: {e.Message}" });
            }
        }

        return records;
    }

    public Task RemoveAsync(StoredRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var path = _paths[record.Index];
        var redriven = Path.Combine(_directory, RedrivenFolder);
        Directory.CreateDirectory(redriven);
        File.Move(path, Path.Combine(redriven, Path.GetFileName(path)), overwrite: true);
        return Task.CompletedTask;
    }

    public Task ReplacedAsync(StoredRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        // The store names files by table and bytes; a record that now decodes (it has a table where it had none)
        // was written under a new name, and only then is the old file redundant.
        var path = _paths[record.Index];
        var current = Path.Combine(_directory, FileFailedRecordStore.FileName(TableOf(record.Raw), record.Raw.Span));
        if (!string.Equals(current, path, StringComparison.Ordinal) && File.Exists(current))
        {
            File.Delete(path);
        }

        return Task.CompletedTask;
    }

    public Task LeaveAsync(StoredRecord record, CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static string? TableOf(ReadOnlyMemory<byte> raw)
    {
        try
        {
            return ChangeRecordDecoder.Decode(new RecordSlice(0, raw)).TableName;
        }
        catch (DecodingException)
        {
            return null;
        }
    }

    /// <summary>Reads what <see cref="FileFailedRecordStore"/> writes, keeping the record's bytes exactly.</summary>
    private static StoredRecord Parse(int index, string name, byte[] bytes)
    {
        var reader = new Utf8JsonReader(bytes);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new FormatException("expected a JSON object");
        }

        string? table = null, eventId = null, sequence = null, stage = null, reason = null;
        DateTimeOffset? failedAt = null;
        ReadOnlyMemory<byte>? raw = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var property = reader.GetString();
            reader.Read();
            switch (property)
            {
                case "table":
                    table = reader.GetString();
                    break;
                case "eventId":
                    eventId = reader.GetString();
                    break;
                case "sequenceNumber":
                    sequence = reader.GetString();
                    break;
                case "stage":
                    stage = reader.GetString();
                    break;
                case "reason":
                    reason = reader.GetString();
                    break;
                case "failedAt":
                    failedAt = reader.TokenType == JsonTokenType.Null ? null : reader.GetDateTimeOffset();
                    break;
                case "record":
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    raw = bytes.AsMemory(start, (int)reader.BytesConsumed - start);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        if (raw is null || reason is null)
        {
            throw new FormatException("it has no record or no reason");
        }

        return new StoredRecord
        {
            Index = index,
            Id = name,
            TableName = table,
            EventId = eventId,
            SequenceNumber = sequence,
            Stage = stage,
            Reason = reason,
            FailedAt = failedAt,
            Raw = raw.Value,
        };
    }
}
