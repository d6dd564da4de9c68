using System.Text.Json;

namespace Bus.StreamBridge.Records;

/// <summary>
/// What can be read of a record that failed to decode: enough to name it in an error and to report its position
/// to Lambda. Best effort on purpose: the record is malformed, so each field may be missing.
/// </summary>
/// <param name="EventId">The DynamoDB eventID, or the Kinesis record's eventID.</param>
/// <param name="Checkpoint">The sequence number Lambda checkpoints on (DynamoDB Streams or Kinesis).</param>
public readonly record struct RecordIdentity(string? EventId, SequenceNumber? Checkpoint)
{
    /// <summary>Scans the record's top two levels for <c>eventID</c>, <c>dynamodb.SequenceNumber</c> and
    /// <c>kinesis.sequenceNumber</c>, stopping quietly at the first JSON error.</summary>
    public static RecordIdentity Of(ReadOnlyMemory<byte> json)
    {
        string? eventId = null, streamSequence = null, kinesisSequence = null;
        // Any depth: the identity fields may follow a deeply nested image.
        var reader = new Utf8JsonReader(json.Span, new JsonReaderOptions { MaxDepth = int.MaxValue });
        string? section = null;
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName)
                {
                    continue;
                }

                if (reader.CurrentDepth == 1)
                {
                    section = reader.ValueTextEquals("dynamodb"u8) ? "dynamodb" : reader.ValueTextEquals("kinesis"u8) ? "kinesis" : null;
                    if (reader.ValueTextEquals("eventID"u8) && reader.Read())
                    {
                        eventId = StringOrNull(ref reader);
                    }
                }
                else if (reader.CurrentDepth == 2 && section == "dynamodb" && reader.ValueTextEquals("SequenceNumber"u8))
                {
                    streamSequence = reader.Read() ? StringOrNull(ref reader) : null;
                }
                else if (reader.CurrentDepth == 2 && section == "kinesis" && reader.ValueTextEquals("sequenceNumber"u8))
                {
                    kinesisSequence = reader.Read() ? StringOrNull(ref reader) : null;
                }
            }
        }
        catch (JsonException)
        {
            // Whatever was read before the error is still worth reporting.
        }

        _ = SequenceNumber.TryParse(kinesisSequence ?? streamSequence, out var checkpoint);
        return new RecordIdentity(eventId, checkpoint);
    }

    /// <summary>The string token, or null when it is not a string or not valid Unicode (the record is malformed
    /// already; its identity is best effort).</summary>
    private static string? StringOrNull(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            return null;
        }

        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>A description for errors: position, eventID and sequence number when known.</summary>
    public string Describe(int position) =>
        $"record {position}" + (EventId is null ? "" : $" (eventID {EventId}") +
        (Checkpoint is null ? "" : EventId is null ? $" (sequence {Checkpoint}" : $", sequence {Checkpoint}") +
        (EventId is null && Checkpoint is null ? "" : ")");
}
