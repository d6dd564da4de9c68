using System.Numerics;
using Bus.StreamBridge.Decoding;
using Bus.StreamBridge.Tests.Builders;

namespace Bus.StreamBridge.Tests.Decoding;

public class DynamoNumberTests
{
    [Theory]
    [InlineData("12345678901234567890123456789012345678")]
    [InlineData("-0.00000000000000000000000000000000000001")]
    [InlineData("9.9999999999999999999999999999999999999E+125")]
    [InlineData("1E-130")]
    [InlineData("-1E-130")]
    [InlineData("0")]
    public void A_38_digit_or_boundary_number_keeps_every_digit(string text)
    {
        var value = Json.Value($$"""{"N": "{{text}}"}""");

        Assert.Equal(text, value.AsNumber().Text);
    }

    [Fact]
    public void Trailing_and_leading_zeros_do_not_count_as_significant_digits()
    {
        var number = DynamoNumber.Parse("000.1234567890123456789012345678901234567800000");

        Assert.Equal("000.1234567890123456789012345678901234567800000", number.Text);
    }

    [Theory]
    [InlineData("123456789012345678901234567890123456789")]
    [InlineData("1.23456789012345678901234567890123456789")]
    [InlineData("-0.000123456789012345678901234567890123456789")]
    public void A_39_digit_number_is_rejected(string text)
    {
        var error = Assert.Throws<DecodingException>(() => Json.Value($$"""{"N": "{{text}}"}"""));

        Assert.Equal("number has 39 significant digits; DynamoDB allows at most 38", error.Reason);
    }

    [Theory]
    [InlineData("1E+126")]
    [InlineData("10E+125")]
    [InlineData("-1E+126")]
    [InlineData("1E-131")]
    [InlineData("0.1E-130")]
    [InlineData("1E+99999999999")]
    public void An_out_of_range_number_is_rejected(string text)
    {
        var parsed = DynamoNumber.TryParse(text, out _, out var error);

        Assert.False(parsed);
        Assert.Contains("outside DynamoDB's range", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1e", "number has an exponent without digits")]
    [InlineData("abc", "number has no digits")]
    [InlineData("", "number has no digits")]
    [InlineData("--1", "number has no digits")]
    [InlineData("1.2.3", "number has an unexpected character at position 3")]
    [InlineData(" 1", "number has no digits")]
    [InlineData("1 ", "number has an unexpected character at position 1")]
    [InlineData("0x10", "number has an unexpected character at position 1")]
    [InlineData("NaN", "number has no digits")]
    [InlineData("Infinity", "number has no digits")]
    public void A_malformed_number_is_rejected(string text, string reason)
    {
        var error = Assert.Throws<DecodingException>(() => Json.Value($$"""{"N": "{{text}}"}"""));

        Assert.Equal(reason, error.Reason);
    }

    [Fact]
    public void Parse_throws_FormatException_for_malformed_text()
    {
        Assert.Throws<FormatException>(() => DynamoNumber.Parse("1e"));
    }

    [Theory]
    [InlineData("1.50", "1.5")]
    [InlineData("1.5", "15E-1")]
    [InlineData("1.50", "15E-1")]
    [InlineData("0", "-0.000")]
    [InlineData("100", "1E2")]
    [InlineData("0.001", "1e-3")]
    [InlineData("+7", "7")]
    [InlineData(".5", "0.5")]
    public void Numerically_equal_texts_are_equal(string left, string right)
    {
        var a = DynamoNumber.Parse(left);
        var b = DynamoNumber.Parse(right);

        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal(0, a.CompareTo(b));
    }

    [Theory]
    [InlineData("1.5", "1.51")]
    [InlineData("1", "-1")]
    [InlineData("1E2", "1E3")]
    public void Different_values_are_not_equal(string left, string right)
    {
        Assert.True(DynamoNumber.Parse(left) != DynamoNumber.Parse(right));
    }

    [Theory]
    [InlineData("9", "10")]
    [InlineData("-10", "-9")]
    [InlineData("-1", "0")]
    [InlineData("0", "1E-130")]
    [InlineData("1.5", "2")]
    [InlineData("0.09", "0.1")]
    [InlineData("-9.9999999999999999999999999999999999999E+125", "9.9999999999999999999999999999999999999E+125")]
    [InlineData("12345678901234567890123456789012345677", "12345678901234567890123456789012345678")]
    public void Numbers_order_by_value(string smaller, string larger)
    {
        var a = DynamoNumber.Parse(smaller);
        var b = DynamoNumber.Parse(larger);

        Assert.True(a < b);
        Assert.True(b > a);
        Assert.True(a.CompareTo(b) < 0);
    }

    [Theory]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("-9223372036854775808", long.MinValue)]
    [InlineData("1E3", 1000L)]
    [InlineData("42.000", 42L)]
    [InlineData("+5", 5L)]
    public void ToInt64_returns_integers_that_fit(string text, long expected)
    {
        Assert.Equal(expected, DynamoNumber.Parse(text).ToInt64());
    }

    [Theory]
    [InlineData("9223372036854775808")]
    [InlineData("-9223372036854775809")]
    [InlineData("1E20")]
    [InlineData("1.5")]
    public void ToInt64_throws_OverflowException_when_the_value_does_not_fit(string text)
    {
        var number = DynamoNumber.Parse(text);

        Assert.Throws<OverflowException>(() => number.ToInt64());
    }

    [Theory]
    [InlineData("2147483648")]
    [InlineData("-2147483649")]
    public void ToInt32_throws_OverflowException_outside_Int32(string text)
    {
        var number = DynamoNumber.Parse(text);

        Assert.Throws<OverflowException>(() => number.ToInt32());
    }

    [Fact]
    public void ToInt32_returns_its_minimum()
    {
        Assert.Equal(int.MinValue, DynamoNumber.Parse("-2147483648").ToInt32());
    }

    [Theory]
    [InlineData("49.99", "49.99")]
    [InlineData("0.1", "0.1")]
    [InlineData("1E-28", "0.0000000000000000000000000001")]
    [InlineData("1.5E+27", "1500000000000000000000000000")]
    [InlineData("9999999999999999999999999999", "9999999999999999999999999999")]
    [InlineData("-12.50", "-12.50")]
    public void ToDecimal_is_exact(string text, string expected)
    {
        var value = DynamoNumber.Parse(text).ToDecimal();

        Assert.Equal(decimal.Parse(expected, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture), value);
        Assert.Equal(expected, value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("0.12345678901234567890123456789")]
    [InlineData("1E-29")]
    [InlineData("1E+29")]
    [InlineData("12345678901234567890123456789012345678")]
    [InlineData("1.0000000000000000000000000000000000001")]
    public void ToDecimal_throws_rather_than_rounding(string text)
    {
        var number = DynamoNumber.Parse(text);

        Assert.Throws<OverflowException>(() => number.ToDecimal());
    }

    [Fact]
    public void TryGetBigInteger_returns_a_38_digit_integer_exactly()
    {
        var ok = DynamoNumber.Parse("12345678901234567890123456789012345678").TryGetBigInteger(out var value);

        Assert.True(ok);
        Assert.Equal(BigInteger.Parse("12345678901234567890123456789012345678", System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Fact]
    public void TryGetBigInteger_expands_a_large_exponent()
    {
        var ok = DynamoNumber.Parse("-9.9999999999999999999999999999999999999E+125").TryGetBigInteger(out var value);

        Assert.True(ok);
        Assert.Equal(-(BigInteger.Pow(10, 38) - 1) * BigInteger.Pow(10, 88), value);
    }

    [Fact]
    public void TryGetBigInteger_refuses_a_fraction()
    {
        Assert.False(DynamoNumber.Parse("1.5").TryGetBigInteger(out _));
    }

    [Theory]
    [InlineData("1.50", "1.50")]
    [InlineData("-0.00000000000000000000000000000000000001", "-0.00000000000000000000000000000000000001")]
    [InlineData("+15", "1.5E1")]
    [InlineData("007", "7E0")]
    [InlineData(".25", "2.5E-1")]
    [InlineData("3.", "3E0")]
    [InlineData("-00", "0")]
    public void ToJsonNumber_keeps_valid_json_and_canonicalises_the_rest(string text, string expected)
    {
        Assert.Equal(expected, DynamoNumber.Parse(text).ToJsonNumber());
    }

    [Fact]
    public void The_default_number_is_zero()
    {
        Assert.Equal("0", default(DynamoNumber).Text);
        Assert.Equal(DynamoNumber.Parse("0"), default);
    }
}
