using System.Text;

namespace Bus.StreamBridge.Failures;

/// <summary>A failed record as readable text when its bytes are not valid UTF-8.</summary>
internal static class FailedRecordText
{
    /// <summary>The record with each invalid UTF-8 sequence replaced by U+FFFD. Such bytes can only sit inside
    /// JSON strings (the JSON reader rejects them anywhere else), so the result is still the same JSON structure.</summary>
    public static byte[] Readable(ReadOnlySpan<byte> raw) => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(raw));
}
