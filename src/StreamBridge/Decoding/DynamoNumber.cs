using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;

namespace Bus.StreamBridge.Decoding;

/// <summary>
/// A DynamoDB number, kept as the exact text DynamoDB sent. DynamoDB numbers have up to 38 significant digits and
/// a magnitude from 1E-130 to 9.99…E+125, which neither <see cref="double"/> nor <see cref="decimal"/> can hold,
/// so the digits are never rounded through a binary type. Typed accessors throw <see cref="OverflowException"/>
/// when a value does not fit exactly.
/// </summary>
public readonly struct DynamoNumber : IEquatable<DynamoNumber>, IComparable<DynamoNumber>
{
    /// <summary>The most significant digits a DynamoDB number can have.</summary>
    public const int MaxSignificantDigits = 38;

    /// <summary>Decimal exponent of the smallest positive magnitude, 1E-130.</summary>
    public const int MinExponent = -130;

    /// <summary>Decimal exponent of the largest magnitude, 9.99…E+125.</summary>
    public const int MaxExponent = 125;

    private readonly string? _text;

    private DynamoNumber(string text) => _text = text;

    /// <summary>The digits exactly as DynamoDB sent them.</summary>
    public string Text => _text ?? "0";

    /// <summary>Parses and validates DynamoDB's number format.</summary>
    /// <exception cref="FormatException">Not a number, more than 38 significant digits, or out of range.</exception>
    public static DynamoNumber Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var number, out var error) ? number : throw new FormatException(error);
    }

    /// <summary>Parses and validates DynamoDB's number format; <paramref name="error"/> says why not.</summary>
    public static bool TryParse(string? text, out DynamoNumber number, [NotNullWhen(false)] out string? error)
    {
        number = default;
        if (text is null)
        {
            error = "number is null";
            return false;
        }

        if (!Validate(text, out error))
        {
            return false;
        }

        number = new DynamoNumber(text);
        return true;
    }

    /// <summary>Wraps text that <see cref="Validate"/> has already accepted.</summary>
    internal static DynamoNumber FromValidated(string text) => new(text);

    /// <summary>Checks syntax, significant digits and range without allocating.</summary>
    internal static bool Validate(ReadOnlySpan<char> s, [NotNullWhen(false)] out string? error)
    {
        if (!TryScan(s, out var shape, out error))
        {
            return false;
        }

        if (shape.SignificantDigits > MaxSignificantDigits)
        {
            error = $"number has {shape.SignificantDigits} significant digits; DynamoDB allows at most {MaxSignificantDigits}";
            return false;
        }

        if (shape.SignificantDigits > 0 && (shape.Exponent < MinExponent || shape.Exponent > MaxExponent))
        {
            error = $"number's magnitude 1E{shape.Exponent} is outside DynamoDB's range 1E-130 to 9.99E+125";
            return false;
        }

        return true;
    }

    /// <summary>Digits from the first to the last non-zero one (0 for zero): what DynamoDB stores.</summary>
    internal int SignificantDigits => TryScan(Text, out var shape, out _) ? shape.SignificantDigits : 0;

    /// <summary>True when <see cref="Text"/> is also a valid JSON number (DynamoDB's own output always is).</summary>
    public bool IsJsonNumber => TryScan(Text, out var shape, out _) && shape.JsonCompatible;

    /// <summary>The number as JSON number text: <see cref="Text"/> itself unless that is not valid JSON (a leading
    /// '+', leading zeros, a bare '.'), then the same value in canonical scientific form.</summary>
    public string ToJsonNumber()
    {
        if (IsJsonNumber)
        {
            return Text;
        }

        var (negative, digits, exponent) = Decompose();
        if (digits.Length == 0)
        {
            return "0";
        }

        var mantissa = digits.Length == 1 ? digits : string.Concat(digits.AsSpan(0, 1), ".", digits.AsSpan(1));
        return string.Create(CultureInfo.InvariantCulture, $"{(negative ? "-" : "")}{mantissa}E{exponent}");
    }

    /// <summary>The value as <see cref="long"/>.</summary>
    /// <exception cref="OverflowException">Not an integer, or outside the range of <see cref="long"/>.</exception>
    public long ToInt64() => TryGetInt64(out var value)
        ? value
        : throw new OverflowException($"DynamoDB number with {Text.Length} characters is not an integer within the range of Int64");

    /// <summary>The value as <see cref="int"/>.</summary>
    /// <exception cref="OverflowException">Not an integer, or outside the range of <see cref="int"/>.</exception>
    public int ToInt32()
    {
        var value = ToInt64();
        return value is >= int.MinValue and <= int.MaxValue
            ? (int)value
            : throw new OverflowException("DynamoDB number is outside the range of Int32");
    }

    /// <summary>The value as <see cref="long"/> when it is an integer that fits.</summary>
    public bool TryGetInt64(out long value)
    {
        if (long.TryParse(Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        if (TryGetBigInteger(out var big) && big >= long.MinValue && big <= long.MaxValue)
        {
            value = (long)big;
            return true;
        }

        value = 0;
        return false;
    }

    /// <summary>The value as <see cref="decimal"/>, exactly.</summary>
    /// <exception cref="OverflowException">The value needs more than the 28 digits or the range of <see cref="decimal"/>.</exception>
    public decimal ToDecimal() => TryGetDecimal(out var value)
        ? value
        : throw new OverflowException("DynamoDB number needs more precision or range than System.Decimal holds exactly");

    /// <summary>The value as <see cref="decimal"/> when it fits without rounding.</summary>
    public bool TryGetDecimal(out decimal value)
    {
        var text = Text;
        // Up to 28 plain digits always parse exactly; anything longer or in exponent form is checked first.
        if (text.Length <= 28 && text.AsSpan().IndexOfAny('e', 'E') < 0)
        {
            return decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out value);
        }

        var (_, digits, exponent) = Decompose();
        var scale = digits.Length - 1 - exponent;
        if (digits.Length == 0 || (digits.Length <= 28 && exponent <= 27 && scale <= 28))
        {
            return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }

        value = 0;
        return false;
    }

    /// <summary>The value as <see cref="BigInteger"/> when it is an integer.</summary>
    public bool TryGetBigInteger(out BigInteger value)
    {
        var (negative, digits, exponent) = Decompose();
        value = BigInteger.Zero;
        if (digits.Length == 0)
        {
            return true;
        }

        var trailingZeros = exponent - (digits.Length - 1);
        if (trailingZeros < 0)
        {
            return false;
        }

        value = BigInteger.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture) * BigInteger.Pow(10, trailingZeros);
        if (negative)
        {
            value = -value;
        }

        return true;
    }

    /// <summary>Numeric equality: <c>1.50</c> equals <c>1.5</c> and <c>15E-1</c>.</summary>
    public bool Equals(DynamoNumber other) =>
        string.Equals(Text, other.Text, StringComparison.Ordinal) || Decompose() == other.Decompose();

    public override bool Equals(object? obj) => obj is DynamoNumber other && Equals(other);

    public override int GetHashCode() => Decompose().GetHashCode();

    /// <summary>Numeric order.</summary>
    public int CompareTo(DynamoNumber other)
    {
        var (leftNegative, leftDigits, leftExponent) = Decompose();
        var (rightNegative, rightDigits, rightExponent) = other.Decompose();
        var leftSign = leftDigits.Length == 0 ? 0 : leftNegative ? -1 : 1;
        var rightSign = rightDigits.Length == 0 ? 0 : rightNegative ? -1 : 1;
        if (leftSign != rightSign || leftSign == 0)
        {
            return leftSign.CompareTo(rightSign);
        }

        var magnitude = leftExponent != rightExponent
            ? leftExponent.CompareTo(rightExponent)
            : string.CompareOrdinal(leftDigits, rightDigits);
        return leftSign * magnitude;
    }

    public static bool operator ==(DynamoNumber left, DynamoNumber right) => left.Equals(right);

    public static bool operator !=(DynamoNumber left, DynamoNumber right) => !left.Equals(right);

    public static bool operator <(DynamoNumber left, DynamoNumber right) => left.CompareTo(right) < 0;

    public static bool operator >(DynamoNumber left, DynamoNumber right) => left.CompareTo(right) > 0;

    public static bool operator <=(DynamoNumber left, DynamoNumber right) => left.CompareTo(right) <= 0;

    public static bool operator >=(DynamoNumber left, DynamoNumber right) => left.CompareTo(right) >= 0;

    public override string ToString() => Text;

    /// <summary>Sign, significant digits without leading or trailing zeros (empty for zero), and the decimal
    /// exponent of the first significant digit.</summary>
    private (bool Negative, string Digits, int Exponent) Decompose()
    {
        var s = Text.AsSpan();
        TryScan(s, out var shape, out _);
        if (shape.SignificantDigits == 0)
        {
            return (false, string.Empty, 0);
        }

        Span<char> buffer = stackalloc char[shape.SignificantDigits];
        var written = 0;
        var seen = 0;
        for (var i = 0; i < s.Length && written < buffer.Length; i++)
        {
            var c = s[i];
            if (c is 'e' or 'E')
            {
                break;
            }

            if (!char.IsAsciiDigit(c))
            {
                continue;
            }

            if (seen++ >= shape.FirstSignificant)
            {
                buffer[written++] = c;
            }
        }

        return (shape.Negative, new string(buffer), shape.Exponent);
    }

    private struct Shape
    {
        public bool Negative;
        public bool JsonCompatible;
        public int SignificantDigits;

        /// <summary>Index of the first non-zero digit among all mantissa digits.</summary>
        public int FirstSignificant;

        /// <summary>Decimal exponent of the first significant digit.</summary>
        public int Exponent;
    }

    private static bool TryScan(ReadOnlySpan<char> s, out Shape shape, [NotNullWhen(false)] out string? error)
    {
        shape = default;
        error = null;
        var i = 0;
        var hasPlus = false;
        if (i < s.Length && s[i] is '+' or '-')
        {
            shape.Negative = s[i] == '-';
            hasPlus = s[i] == '+';
            i++;
        }

        var intStart = i;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
        }

        var intLength = i - intStart;
        var fracLength = 0;
        var hasPoint = false;
        if (i < s.Length && s[i] == '.')
        {
            hasPoint = true;
            var fracStart = ++i;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
            }

            fracLength = i - fracStart;
        }

        if (intLength + fracLength == 0)
        {
            error = "number has no digits";
            return false;
        }

        long exponent = 0;
        if (i < s.Length && s[i] is 'e' or 'E')
        {
            i++;
            var negativeExponent = false;
            if (i < s.Length && s[i] is '+' or '-')
            {
                negativeExponent = s[i] == '-';
                i++;
            }

            var expStart = i;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                // Clamped: anything this large is out of range anyway, and the clamp cannot overflow.
                exponent = Math.Min(exponent * 10 + (s[i] - '0'), 1_000_000);
                i++;
            }

            if (i == expStart)
            {
                error = "number has an exponent without digits";
                return false;
            }

            exponent = negativeExponent ? -exponent : exponent;
        }

        if (i != s.Length)
        {
            error = $"number has an unexpected character at position {i}";
            return false;
        }

        var first = -1;
        var last = -1;
        var index = 0;
        for (var j = intStart; j < intStart + intLength + (hasPoint ? 1 : 0) + fracLength; j++)
        {
            if (s[j] == '.')
            {
                continue;
            }

            if (s[j] != '0')
            {
                if (first < 0)
                {
                    first = index;
                }

                last = index;
            }

            index++;
        }

        shape.JsonCompatible = !hasPlus && intLength > 0 && !(intLength > 1 && s[intStart] == '0') && !(hasPoint && fracLength == 0);
        if (first < 0)
        {
            return true;
        }

        shape.SignificantDigits = last - first + 1;
        shape.FirstSignificant = first;
        shape.Exponent = (int)Math.Clamp(intLength - 1 - first + exponent, int.MinValue / 2, int.MaxValue / 2);
        return true;
    }
}
