using System.Text.Json;

namespace Bus.Benchmarks.Generation;

/// <summary>
/// Writes generated records as Lambda events: one <c>{"Records": [...]}</c> object per line (JSON Lines), each
/// holding up to <c>perEvent</c> records. One event when <c>perEvent</c> is at least the record count.
/// </summary>
internal static class EventFileWriter
{
    public static void Write(Stream output, int records, int perEvent, bool kinesis, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perEvent);
        var changes = new ChangeGenerator(seed);
        var recordWriter = new StreamRecordWriter(changes.Random, kinesis);
        using var writer = new Utf8JsonWriter(output);
        for (var written = 0; written < records;)
        {
            writer.WriteStartObject();
            writer.WriteStartArray("Records"u8);
            var inEvent = Math.Min(perEvent, records - written);
            for (var i = 0; i < inEvent; i++)
            {
                recordWriter.Write(writer, changes.Next());
                if (writer.BytesPending > 1 << 20)
                {
                    writer.Flush();
                }
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.Flush();
            output.WriteByte((byte)'\n');
            writer.Reset(output);
            written += inEvent;
        }
    }

    /// <summary>One Lambda event of <paramref name="records"/> records, in memory.</summary>
    public static byte[] Event(int records, bool kinesis = false, int seed = 42)
    {
        using var buffer = new MemoryStream();
        Write(buffer, records, records, kinesis, seed);
        return buffer.ToArray();
    }
}
