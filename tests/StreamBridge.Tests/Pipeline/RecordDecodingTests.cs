using System.Text;
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
            NewImage = k % 7 == 3 ? """{"customerId": {"S": "C-1"}, "email": {"N": "forty"}}""" : """{"customerId": {"S": "C-1"}, "email": {"S": "new@example.com"}}""",
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
                Assert.Contains("dynamodb.NewImage.email", error!.Message, StringComparison.Ordinal);
            }
            else
            {
                Assert.Null(error);
                Assert.Equal(($"evt-{k}", k), (record!.EventId, record.Position));
            }
        }
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
