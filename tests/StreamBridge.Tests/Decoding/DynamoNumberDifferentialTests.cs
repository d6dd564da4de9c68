using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using Bus.StreamBridge.Decoding;
using Bus.StreamBridge.Tests.Builders;

namespace Bus.StreamBridge.Tests.Decoding;

/// <summary>
/// Compares <see cref="DynamoNumber"/> with an independent reference: a number is an integer coefficient times a
/// power of ten, both held in <see cref="BigInteger"/>, compared after scaling to a common exponent.
/// </summary>
public class DynamoNumberDifferentialTests
{
    private const int Samples = 4000;

    [Fact]
    public void Equality_and_order_agree_with_a_BigInteger_reference()
    {
        var random = new Random(20261125);
        var numbers = Enumerable.Range(0, Samples).Select(_ => RandomText(random)).ToArray();

        for (var i = 0; i < numbers.Length; i++)
        {
            var left = numbers[i];
            var right = i % 3 == 0 ? Reformat(left, random) : numbers[random.Next(numbers.Length)];
            var expected = Math.Sign(Reference.Parse(left).CompareTo(Reference.Parse(right)));

            var a = DynamoNumber.Parse(left);
            var b = DynamoNumber.Parse(right);

            Assert.True(expected == Math.Sign(a.CompareTo(b)), $"compare {left} with {right}: expected {expected}");
            Assert.True((expected == 0) == a.Equals(b), $"equality of {left} and {right}");
            Assert.True(expected != 0 || a.GetHashCode() == b.GetHashCode(), $"hash codes of {left} and {right}");
        }
    }

    [Fact]
    public void Equal_values_written_differently_are_equal()
    {
        var random = new Random(7);
        for (var i = 0; i < Samples; i++)
        {
            var text = RandomText(random);
            var other = Reformat(text, random);

            Assert.True(DynamoNumber.Parse(text) == DynamoNumber.Parse(other), $"{text} == {other}");
        }
    }

    [Fact]
    public void Leading_zeros_signs_and_bare_points_do_not_change_the_value()
    {
        var random = new Random(23);
        for (var i = 0; i < Samples; i++)
        {
            var text = RandomText(random);
            var other = Reformat(text, random, allowNonJson: true);

            var a = DynamoNumber.Parse(text);
            var b = DynamoNumber.Parse(other);

            Assert.True(a == b && a.CompareTo(b) == 0 && a.GetHashCode() == b.GetHashCode(), $"{text} == {other}");
        }
    }

    [Fact]
    public void Decoding_and_writing_plain_json_keeps_the_digits()
    {
        var random = new Random(11);
        for (var i = 0; i < Samples; i++)
        {
            var text = RandomText(random);
            var image = Json.Map($$$"""{"n": {"N": "{{{text}}}"}}""");

            using var document = JsonDocument.Parse(PlainJsonWriter.ToJson(image));

            Assert.Equal(text, document.RootElement.GetProperty("n").GetRawText());
        }
    }

    [Fact]
    public void Non_json_number_text_is_written_as_the_same_value()
    {
        var random = new Random(13);
        for (var i = 0; i < Samples; i++)
        {
            var text = Reformat(RandomText(random), random, allowNonJson: true);
            var image = Json.Map($$$"""{"n": {"N": "{{{text}}}"}}""");

            using var document = JsonDocument.Parse(PlainJsonWriter.ToJson(image));
            var written = document.RootElement.GetProperty("n").GetRawText();

            Assert.True(Reference.Parse(text).CompareTo(Reference.Parse(written)) == 0, $"{text} written as {written}");
        }
    }

    [Fact]
    public void Integers_agree_with_BigInteger()
    {
        var random = new Random(17);
        for (var i = 0; i < Samples; i++)
        {
            var text = RandomText(random);
            var reference = Reference.Parse(text);

            var isInteger = DynamoNumber.Parse(text).TryGetBigInteger(out var value);

            Assert.Equal(reference.TryGetInteger(out var expected), isInteger);
            Assert.Equal(expected, value);
        }
    }

    [Fact]
    public void Decimal_conversion_never_rounds()
    {
        var random = new Random(19);
        for (var i = 0; i < Samples; i++)
        {
            var text = RandomText(random, maxDigits: 30, minExponent: -30, maxExponent: 30);

            if (DynamoNumber.Parse(text).TryGetDecimal(out var value))
            {
                var written = value.ToString(CultureInfo.InvariantCulture);
                Assert.True(Reference.Parse(text).CompareTo(Reference.Parse(written)) == 0, $"{text} became {written}");
            }
        }
    }

    /// <summary>Random JSON-compatible number text with 1..38 significant digits and a magnitude in range.</summary>
    private static string RandomText(Random random, int maxDigits = 38, int minExponent = -130, int maxExponent = 125)
    {
        var count = random.Next(1, maxDigits + 1);
        var digits = new StringBuilder();
        digits.Append((char)('1' + random.Next(9)));
        for (var i = 1; i < count; i++)
        {
            digits.Append((char)('0' + random.Next(10)));
        }

        if (random.Next(4) == 0)
        {
            return "0";
        }

        var negative = random.Next(2) == 0;
        // Exponent of the first significant digit.
        var exponent = random.Next(4) == 0 ? random.Next(-3, 4) : random.Next(minExponent, maxExponent + 1);
        return Render(negative, digits.ToString(), exponent, random.Next(3));
    }

    /// <summary>The same value with other zeros, point position and exponent.</summary>
    private static string Reformat(string text, Random random, bool allowNonJson = false)
    {
        var (negative, digits, exponent) = Reference.Parse(text).Normalize();
        if (digits.Length == 0)
        {
            return random.Next(2) == 0 ? "0.000" : "-0E5";
        }

        var padded = digits + new string('0', random.Next(4));
        var rendered = Render(negative, padded, exponent, random.Next(3));
        if (!allowNonJson)
        {
            return rendered;
        }

        var unsigned = negative ? rendered[1..] : rendered;
        var sign = negative ? "-" : random.Next(2) == 0 ? "+" : "";
        return random.Next(3) switch
        {
            0 => sign + "00" + unsigned,
            1 when unsigned.StartsWith("0.", StringComparison.Ordinal) => sign + unsigned[1..],
            _ => sign + unsigned,
        };
    }

    /// <summary>Renders digits (first one significant) with the first digit at 10^exponent: plain when the exponent
    /// is small, else in scientific form with the point after the first digit or after all digits.</summary>
    private static string Render(bool negative, string digits, int exponent, int style)
    {
        var sign = negative ? "-" : "";
        if (style == 0 && exponent is >= -40 and <= 40)
        {
            if (exponent < 0)
            {
                return $"{sign}0.{new string('0', -exponent - 1)}{digits}";
            }

            return digits.Length > exponent + 1
                ? $"{sign}{digits[..(exponent + 1)]}.{digits[(exponent + 1)..]}"
                : $"{sign}{digits}{new string('0', exponent + 1 - digits.Length)}";
        }

        if (style == 1)
        {
            var mantissa = digits.Length == 1 ? digits : $"{digits[0]}.{digits[1..]}";
            return $"{sign}{mantissa}E{(exponent >= 0 ? "+" : "")}{exponent}";
        }

        return $"{sign}{digits}e{exponent - (digits.Length - 1)}";
    }

    /// <summary>Coefficient × 10^Exponent, parsed without any of the code under test.</summary>
    private readonly record struct Reference(BigInteger Coefficient, int Exponent)
    {
        public static Reference Parse(string text)
        {
            var s = text;
            var negative = s.StartsWith('-');
            s = s.TrimStart('+', '-');
            var exponent = 0;
            var e = s.IndexOfAny(['e', 'E']);
            if (e >= 0)
            {
                exponent = int.Parse(s[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                s = s[..e];
            }

            var point = s.IndexOf('.', StringComparison.Ordinal);
            if (point >= 0)
            {
                exponent -= s.Length - point - 1;
                s = s.Remove(point, 1);
            }

            var coefficient = BigInteger.Parse("0" + s, NumberStyles.None, CultureInfo.InvariantCulture);
            return new Reference(negative ? -coefficient : coefficient, exponent);
        }

        public int CompareTo(Reference other)
        {
            var common = Math.Min(Exponent, other.Exponent);
            var left = Coefficient * BigInteger.Pow(10, Exponent - common);
            var right = other.Coefficient * BigInteger.Pow(10, other.Exponent - common);
            return left.CompareTo(right);
        }

        public bool TryGetInteger(out BigInteger value)
        {
            value = BigInteger.Zero;
            if (Coefficient.IsZero)
            {
                return true;
            }

            if (Exponent >= 0)
            {
                value = Coefficient * BigInteger.Pow(10, Exponent);
                return true;
            }

            var divisor = BigInteger.Pow(10, -Exponent);
            if (!BigInteger.Remainder(Coefficient, divisor).IsZero)
            {
                return false;
            }

            value = Coefficient / divisor;
            return true;
        }

        /// <summary>Sign, significant digits without trailing zeros, exponent of the first digit.</summary>
        public (bool Negative, string Digits, int Exponent) Normalize()
        {
            if (Coefficient.IsZero)
            {
                return (false, "", 0);
            }

            var digits = BigInteger.Abs(Coefficient).ToString(CultureInfo.InvariantCulture);
            var trimmed = digits.TrimEnd('0');
            return (Coefficient.Sign < 0, trimmed, Exponent + digits.Length - 1);
        }
    }
}
