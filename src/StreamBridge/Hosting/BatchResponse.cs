using System.Text.Json;
using Bus.StreamBridge.Pipeline;

namespace Bus.StreamBridge.Hosting;

/// <summary>
/// Lambda's <c>ReportBatchItemFailures</c> response. Streams checkpoint on the lowest reported sequence number, so
/// one item (the first record that must be retried) says everything; an empty list acknowledges the batch.
/// </summary>
public static class BatchResponse
{
    public static void Write(Utf8JsonWriter writer, BatchResult result)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);
        writer.WriteStartObject();
        writer.WriteStartArray("batchItemFailures");
        if (result.RetryFrom is { } retryFrom)
        {
            writer.WriteStartObject();
            writer.WriteString("itemIdentifier", retryFrom.Value);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static MemoryStream ToStream(BatchResult result)
    {
        var stream = new MemoryStream(64);
        using (var writer = new Utf8JsonWriter(stream))
        {
            Write(writer, result);
        }

        stream.Position = 0;
        return stream;
    }
}
