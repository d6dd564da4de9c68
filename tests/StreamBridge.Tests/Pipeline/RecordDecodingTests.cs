using System.Text;
using Bus.StreamBridge.Decoding;
using Bus.StreamBridge.Pipeline;
using Bus.StreamBridge.Records;
using Bus.StreamBridge.Tests.Builders;

namespace Bus.StreamBridge.Tests.Pipeline;

public class RecordDecodingTests
{
    [Theory]
    [InlineData(1, true)]
    [InlineData(255, true)]
    [InlineData(256, true)]
    [InlineData(257, true)]
    [InlineData(1300, true)]
    [InlineData(1300, false)]
    public async Task Every_record_gets_its_own_outcome_at_its_position_whatever_chunk_decoded_it(int count, bool parallel)
    {
        var slices = Enumerable.Range(0, count).Select(k => new RecordSlice(k, Encoding.UTF8.GetBytes(new StreamRecordJson
        {
            EventId = $"evt-{k}",
            SequenceNumber = k % 7 == 3 ? "not a number" : "4421584500000000017450440091",
        }.ToJson()))).ToList();
        await using var decoding = new RecordDecoding(parallel);

        slices.ForEach(decoding.Add);
        await decoding.CompleteAsync();

        Assert.Equal(count, decoding.Count);
        for (var k = 0; k < count; k++)
        {
            var (record, error) = decoding[k];
            if (k % 7 == 3)
            {
                Assert.Null(record);
                Assert.Contains("dynamodb.SequenceNumber", error!.Message, StringComparison.Ordinal);
            }
            else
            {
                Assert.Null(error);
                Assert.Equal(($"evt-{k}", k), (record!.EventId, record.Position));
            }
        }
    }

    [Fact]
    public async Task Images_are_left_for_the_records_turn_and_their_errors_come_then_exactly_as_the_decoder_gives_them()
    {
        var good = Encoding.UTF8.GetBytes(new StreamRecordJson { EventId = "evt-good" }.ToJson());
        var bad = Encoding.UTF8.GetBytes(new StreamRecordJson
        {
            EventId = "evt-bad",
            NewImage = """{"customerId": {"S": "C-1"}, "email": {"N": "forty"}}""",
        }.ToJson());
        await using var decoding = new RecordDecoding(parallel: false);

        decoding.Add(new RecordSlice(0, good));
        decoding.Add(new RecordSlice(1, bad));
        await decoding.CompleteAsync();

        var (first, second) = (decoding[0].Record!, decoding[1].Record!);
        Assert.True(first.ImagesDeferred);
        Assert.Null(first.NewImage);
        var whole = ChangeRecordDecoder.Decode(new RecordSlice(0, good));
        Assert.Equal((whole.EventId, whole.ItemKey, whole.Checkpoint), (first.EventId, first.ItemKey, first.Checkpoint));
        var full = first.DecodeFully();
        Assert.False(full.ImagesDeferred);
        Assert.Equal(whole.NewImage, full.NewImage);
        Assert.NotNull(full.OldImage);
        var expected = Assert.Throws<DecodingException>(() => ChangeRecordDecoder.Decode(new RecordSlice(1, bad)));
        var error = Assert.Throws<DecodingException>(second.DecodeFully);
        Assert.Equal(expected.Message, error.Message);
        Assert.Contains("dynamodb.NewImage.email", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Records_must_be_added_in_stream_order_and_not_after_completion()
    {
        var json = Encoding.UTF8.GetBytes(new StreamRecordJson().ToJson());
        await using var decoding = new RecordDecoding();

        Assert.Throws<ArgumentException>(() => decoding.Add(new RecordSlice(1, json)));
        decoding.Add(new RecordSlice(0, json));
        await decoding.CompleteAsync();

        Assert.Throws<InvalidOperationException>(() => decoding.Add(new RecordSlice(1, json)));
    }
}
