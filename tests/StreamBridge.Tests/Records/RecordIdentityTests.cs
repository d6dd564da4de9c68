using Bus.StreamBridge.Records;
using Bus.StreamBridge.Tests.Builders;

namespace Bus.StreamBridge.Tests.Records;

public class RecordIdentityTests
{
    [Fact]
    public void The_identity_of_an_undecodable_stream_record_is_still_read()
    {
        var json = new StreamRecordJson { EventName = "BOGUS", SequenceNumber = "123" }.ToJson();

        var identity = RecordIdentity.Of(Json.Utf8(json));

        Assert.Equal(new RecordIdentity("evt-1", SequenceNumber.Parse("123")), identity);
        Assert.Equal("record 3 (eventID evt-1, sequence 123)", identity.Describe(3));
    }

    [Fact]
    public void A_kinesis_record_is_identified_by_its_kinesis_sequence_number()
    {
        var json = KinesisJson.Record("49590338271490256608559692538361571095921575989136588803", "not json");

        var identity = RecordIdentity.Of(Json.Utf8(json));

        Assert.Equal("49590338271490256608559692538361571095921575989136588803", identity.Checkpoint!.Value.Value);
        Assert.Equal("shardId-000000000000:49590338271490256608559692538361571095921575989136588803", identity.EventId);
    }

    [Fact]
    public void Truncated_json_yields_what_was_read_before_the_error()
    {
        var identity = RecordIdentity.Of(Json.Utf8("""{"eventID": "e-9", "dynamodb": {"SequenceNumber": "77", "Keys": {"""));

        Assert.Equal("record 0 (eventID e-9, sequence 77)", identity.Describe(0));
    }

    [Fact]
    public void A_record_with_nothing_readable_is_described_by_position_only()
    {
        Assert.Equal("record 5", RecordIdentity.Of(Json.Utf8("42")).Describe(5));
    }
}
