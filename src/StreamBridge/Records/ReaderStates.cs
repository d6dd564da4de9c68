using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Bus.StreamBridge.Records;

/// <summary>
/// The reader state <see cref="EventSplitter"/> resumes from after a record it decoded in place instead of reading its
/// tokens itself: inside a <c>Records</c> array, after an object, at a given line and byte. <see cref="JsonReaderState"/>
/// has no public way to set the position its errors report, so this writes its two counters through
/// <see cref="UnsafeAccessorAttribute"/> (System.Text.Json's private <c>_lineNumber</c> and <c>_bytePositionInLine</c>).
/// <see cref="Supported"/> checks once that those fields exist and mean what this expects; when they do not (a
/// System.Text.Json that renamed them), the splitter reads every record's tokens as before.
/// </summary>
internal static class ReaderStates
{
    /// <summary>The state after <c>{"Records":[{}</c>: in an array in the root object, right after an object.</summary>
    private static readonly JsonReaderState AfterRecordTemplate = Template();

    /// <summary>Whether the counters can be read and written here (checked on a reader whose position is known).</summary>
    public static bool Supported { get; } = Check();

    /// <summary>The line (from 0) and byte in that line (from 0) after the last token <paramref name="state"/> read.</summary>
    public static (long Line, long Byte) Position(JsonReaderState state) => (LineNumber(ref state), BytePositionInLine(ref state));

    /// <summary>The state after a record whose closing brace is the last byte before <paramref name="line"/>, <paramref name="byteInLine"/>.</summary>
    public static JsonReaderState AfterRecord(long line, long byteInLine)
    {
        var state = AfterRecordTemplate;
        LineNumber(ref state) = line;
        BytePositionInLine(ref state) = byteInLine;
        return state;
    }

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_lineNumber")]
    private static extern ref long LineNumber(ref JsonReaderState state);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_bytePositionInLine")]
    private static extern ref long BytePositionInLine(ref JsonReaderState state);

    private static JsonReaderState Template()
    {
        var reader = new Utf8JsonReader("{\"Records\":[{}"u8, isFinalBlock: false, new JsonReaderState(StreamEventReader.Options));
        while (reader.Read())
        {
        }

        return reader.CurrentState;
    }

    private static bool Check()
    {
        try
        {
            // Two lines: the reader must count the newline, and the byte after "[" on the second line is the fourth.
            var reader = new Utf8JsonReader("{\"a\":\n  [1"u8, isFinalBlock: false, new JsonReaderState(StreamEventReader.Options));
            while (reader.Read() && reader.TokenType != JsonTokenType.StartArray)
            {
            }

            if (Position(reader.CurrentState) != (1, 3) || Position(AfterRecordTemplate) != (0, 14))
            {
                return false;
            }

            // A state moved to a position reports errors there.
            var moved = AfterRecord(7, 40);
            var after = new Utf8JsonReader("x"u8, isFinalBlock: true, moved);
            try
            {
                after.Read();
                return false;
            }
            catch (JsonException e)
            {
                return e.LineNumber == 7 && e.BytePositionInLine == 40;
            }
        }
        catch (MissingFieldException)
        {
            return false;
        }
    }
}
