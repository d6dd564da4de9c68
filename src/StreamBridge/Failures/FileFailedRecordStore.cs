using System.Text.Json;
using System.Text.Unicode;
using Bus.StreamBridge.Configuration;
using Microsoft.Extensions.Options;

namespace Bus.StreamBridge.Failures;

/// <summary>
/// One JSON file per failed record: the reason and identifiers, and the record itself under <c>record</c>, exactly
/// as received (a record whose strings hold bytes that are not UTF-8 is kept exactly in <c>recordBase64</c>, and
/// readably, with those bytes replaced, under <c>record</c>). Files are named by table and record digest and written atomically (temporary file, then rename),
/// so a retried batch rewrites the same file and a crash never leaves half a record.
/// </summary>
public sealed class FileFailedRecordStore(IOptions<BridgeOptions> options, TimeProvider timeProvider) : IFailedRecordStore
{
    private const int MaxTableNameInFileName = 64;

    private readonly string _directory = Path.GetFullPath(options.Value.FailedRecords.Directory);

    /// <summary>The directory records are written to.</summary>
    public string Directory => _directory;

    public async Task StoreAsync(FailedRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        System.IO.Directory.CreateDirectory(_directory);
        var path = Path.Combine(_directory, FileName(record.TableName, record.Raw.Span));
        var temporary = path + ".tmp";
        await using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
        {
            await using var writer = new Utf8JsonWriter(file, new JsonWriterOptions { Indented = true });
            writer.WriteStartObject();
            writer.WriteString("table", record.TableName);
            writer.WriteNumber("position", record.Position);
            writer.WriteString("eventId", record.EventId);
            writer.WriteString("sequenceNumber", record.SequenceNumber);
            writer.WriteString("stage", record.Stage.ToString());
            writer.WriteString("reason", record.Reason);
            writer.WriteString("failedAt", timeProvider.GetUtcNow());
            writer.WritePropertyName("record");
            // Slices come from a JSON reader, so the record is well-formed JSON even when its content is not valid.
            var exact = Utf8.IsValid(record.Raw.Span);
            writer.WriteRawValue(exact ? record.Raw.Span : FailedRecordText.Readable(record.Raw.Span), skipInputValidation: true);
            if (!exact)
            {
                writer.WriteBase64String("recordBase64", record.Raw.Span);
            }

            writer.WriteEndObject();
            await writer.FlushAsync(cancellationToken);
            await file.FlushAsync(cancellationToken);
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The name of the file that holds a record of <paramref name="tableName"/> (null when the record could
    /// not be decoded) with the bytes <paramref name="raw"/>.</summary>
    public static string FileName(string? tableName, ReadOnlySpan<byte> raw) =>
        $"{Sanitize(tableName ?? "unknown")}-{FailedRecordIds.Digest(raw)}.json";

    private static string Sanitize(string name)
    {
        // DynamoDB table names run to 255 characters, as many as a file name may have on Linux; the digest, not
        // the name, makes the file unique.
        var chars = name.ToCharArray(0, Math.Min(name.Length, MaxTableNameInFileName));
        for (var i = 0; i < chars.Length; i++)
        {
            if (!char.IsAsciiLetterOrDigit(chars[i]) && chars[i] is not '-' and not '_' and not '.')
            {
                chars[i] = '_';
            }
        }

        return new string(chars);
    }
}
