using Bus.StreamBridge.Pipeline;
using Bus.StreamBridge.Records;

namespace Bus.StreamBridge.Tests.Pipeline;

public class FailureWatermarkTests
{
    [Fact]
    public void Without_failures_there_is_no_watermark()
    {
        var watermark = new FailureWatermark();

        Assert.Null(watermark.Lowest);
        Assert.False(watermark.IsBeyond(SequenceNumber.Parse("1")));
    }

    [Fact]
    public void The_lowest_failure_wins_compared_as_numbers()
    {
        var watermark = new FailureWatermark();

        watermark.Fail(SequenceNumber.Parse("10"));
        watermark.Fail(SequenceNumber.Parse("9"));
        watermark.Fail(SequenceNumber.Parse("100"));

        Assert.Equal("9", watermark.Lowest!.Value.Value);
    }

    [Fact]
    public void Only_records_after_the_watermark_are_beyond_it()
    {
        var watermark = new FailureWatermark();
        watermark.Fail(SequenceNumber.Parse("9"));

        Assert.True(watermark.IsBeyond(SequenceNumber.Parse("10")));
        Assert.False(watermark.IsBeyond(SequenceNumber.Parse("9")));
        Assert.False(watermark.IsBeyond(SequenceNumber.Parse("8")));
    }
}
