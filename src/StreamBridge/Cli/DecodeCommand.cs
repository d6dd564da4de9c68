using Bus.Contracts;
using Bus.StreamBridge.Decoding;
using Bus.StreamBridge.Records;

namespace Bus.StreamBridge.Cli;

/// <summary><c>decode</c>: one JSON line per change record, images as plain JSON.</summary>
internal static class DecodeCommand
{
    public static async Task<int> RunAsync(IAsyncEnumerable<StreamEvent> events, Stream output, TextWriter error)
    {
        var failed = 0;
        await using var lines = new JsonLinesWriter(output);
        await foreach (var streamEvent in events)
        {
            foreach (var slice in streamEvent.Records)
            {
                ChangeRecord record;
                try
                {
                    record = ChangeRecordDecoder.Decode(slice);
                }
                catch (DecodingException e)
                {
                    failed++;
                    await error.WriteLineAsync($"error: {BridgeCli.Describe(streamEvent, slice)}: {e.Message}");
                    continue;
                }

                var writer = lines.Line;
                writer.WriteStartObject();
                writer.WriteString("eventID"u8, record.EventId);
                writer.WriteString("eventName"u8, WireName(record.Kind));
                writer.WritePropertyName("keys"u8);
                PlainJsonWriter.WriteMap(writer, record.Keys);
                writer.WritePropertyName("newImage"u8);
                PlainJsonWriter.WriteMapOrNull(writer, record.NewImage);
                writer.WritePropertyName("oldImage"u8);
                PlainJsonWriter.WriteMapOrNull(writer, record.OldImage);
                writer.WriteEndObject();
                await lines.EndLineAsync();
            }
        }

        return failed == 0 ? ExitCodes.Success : ExitCodes.RecordsFailed;
    }

    private static string WireName(ChangeKind kind) => kind switch
    {
        ChangeKind.Insert => "INSERT",
        ChangeKind.Modify => "MODIFY",
        _ => "REMOVE",
    };
}
