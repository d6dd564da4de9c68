using Bus.StreamBridge.Records;

namespace Bus.StreamBridge.Tests.Records;

public class SequenceNumberTests
{
    [Theory]
    [InlineData("9", "10")]
    [InlineData("99", "100")]
    [InlineData("4421584500000000017450440091", "4421584500000000017450441091")]
    [InlineData("999999999999999999999", "49590338271490256608559692538361571095921575989136588803")]
    [InlineData("49590338271490256608559692538361571095921575989136588803", "49590338271490256608559692538361571095921575989136588804")]
    [InlineData("0", "1")]
    public void Sequence_numbers_compare_as_numbers(string smaller, string larger)
    {
        var a = SequenceNumber.Parse(smaller);
        var b = SequenceNumber.Parse(larger);

        Assert.True(a < b);
        Assert.True(b > a);
        Assert.True(a <= b);
        Assert.True(a != b);
    }

    [Theory]
    [InlineData("0010", "10")]
    [InlineData("000", "0")]
    [InlineData("0049590338271490256608559692538361571095921575989136588803", "49590338271490256608559692538361571095921575989136588803")]
    public void Leading_zeros_do_not_change_the_value(string left, string right)
    {
        var a = SequenceNumber.Parse(left);
        var b = SequenceNumber.Parse(right);

        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal(0, a.CompareTo(b));
    }

    [Fact]
    public void The_digits_are_kept_as_sent()
    {
        Assert.Equal("0010", SequenceNumber.Parse("0010").Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("1.0")]
    [InlineData("1e5")]
    [InlineData(" 1")]
    [InlineData("١٢")]
    [InlineData(null)]
    public void Anything_but_decimal_digits_is_rejected(string? text)
    {
        Assert.False(SequenceNumber.TryParse(text, out var number));
        Assert.Null(number);
    }

    [Fact]
    public void More_than_128_digits_are_rejected()
    {
        Assert.False(SequenceNumber.TryParse(new string('1', 129), out _));
    }

    [Fact]
    public void Sorting_orders_by_value_not_by_text()
    {
        var numbers = new[] { "10", "9", "100", "0099" }.Select(SequenceNumber.Parse).ToList();

        numbers.Sort();

        Assert.Equal(["9", "10", "0099", "100"], numbers.Select(n => n.Value));
    }
}
