using Bus.Messaging.Idempotency;
using System.Diagnostics.CodeAnalysis;

namespace Bus.StreamBridge.Records;

/// <summary>
/// A DynamoDB Streams or Kinesis sequence number: decimal digits of any length (21 to 56 in practice). Compared as
/// numbers, never as strings: "9" precedes "10".
/// </summary>
public readonly struct SequenceNumber : IEquatable<SequenceNumber>, IComparable<SequenceNumber>
{
    private readonly string? _digits;

    private SequenceNumber(string digits) => _digits = digits;

    /// <summary>The digits as the stream sent them.</summary>
    public string Value => _digits ?? "0";

    public static bool TryParse(string? text, [NotNullWhen(true)] out SequenceNumber? number)
    {
        number = null;
        if (string.IsNullOrEmpty(text) || text.Length > 128)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        number = new SequenceNumber(text);
        return true;
    }

    /// <exception cref="FormatException">Not a string of decimal digits.</exception>
    public static SequenceNumber Parse(string text) =>
        TryParse(text, out var number) ? number.Value : throw new FormatException("sequence number must be decimal digits");

    public int CompareTo(SequenceNumber other) => ChangeOrdering.CompareSequence(Value, other.Value);

    public bool Equals(SequenceNumber other) => CompareTo(other) == 0;

    public override bool Equals(object? obj) => obj is SequenceNumber other && Equals(other);

    public override int GetHashCode() => string.GetHashCode(Significant(Value), StringComparison.Ordinal);

    public override string ToString() => Value;

    public static bool operator ==(SequenceNumber left, SequenceNumber right) => left.Equals(right);

    public static bool operator !=(SequenceNumber left, SequenceNumber right) => !left.Equals(right);

    public static bool operator <(SequenceNumber left, SequenceNumber right) => left.CompareTo(right) < 0;

    public static bool operator >(SequenceNumber left, SequenceNumber right) => left.CompareTo(right) > 0;

    public static bool operator <=(SequenceNumber left, SequenceNumber right) => left.CompareTo(right) <= 0;

    public static bool operator >=(SequenceNumber left, SequenceNumber right) => left.CompareTo(right) >= 0;

    private static ReadOnlySpan<char> Significant(string digits)
    {
        var span = digits.AsSpan().TrimStart('0');
        return span.IsEmpty ? "0" : span;
    }
}
