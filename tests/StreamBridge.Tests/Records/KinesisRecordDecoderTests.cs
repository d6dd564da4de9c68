using Bus.Contracts;
using Bus.StreamBridge.Decoding;
using Bus.StreamBridge.Tests.Builders;

namespace Bus.StreamBridge.Tests.Records;

public class KinesisRecordDecoderTests
{
    [Fact]
    public void A_kinesis_record_takes_its_identity_from_the_change_inside_data()
    {
        var record = Fixture.Record("kinesis-precisions.json", 0);

        Assert.Equal("c0ffee00000000000000000000000050", record.EventId);
        Assert.Equal(ChangeKind.Insert, record.Kind);
        Assert.Equal("Orders", record.TableName);
        Assert.Equal(ChangeSource.KinesisDataStreams, record.Source);
        Assert.Null(record.ViewType);
        Assert.Equal("O-5001", record.NewImage!["orderId"].AsString());
    }

    [Fact]
    public void The_checkpoint_is_the_kinesis_sequence_number()
    {
        var record = Fixture.Record("kinesis-precisions.json", 1);

        Assert.Equal("49590338271490256608559692538361571095921575989136588804", record.Checkpoint.Value);
    }

    [Fact]
    public void Microsecond_creation_time_keeps_the_microseconds()
    {
        var record = Fixture.Record("kinesis-precisions.json", 0);

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1793000021123).AddTicks(4560), record.ApproximateCreationTime);
    }

    [Fact]
    public void Millisecond_creation_time_keeps_the_milliseconds()
    {
        var record = Fixture.Record("kinesis-precisions.json", 1);

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1793000022123), record.ApproximateCreationTime);
    }

    [Fact]
    public void Creation_time_without_precision_is_recognised_as_milliseconds_by_magnitude()
    {
        var record = Fixture.Record("kinesis-precisions.json", 2);

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1793000023123), record.ApproximateCreationTime);
    }

    [Fact]
    public void Creation_time_without_precision_is_recognised_as_microseconds_by_magnitude()
    {
        var json = KinesisJson.Record("1", KinesisJson.Change(creationTime: "1793000021123456", precision: null));

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1793000021123).AddTicks(4560), Json.Record(json).ApproximateCreationTime);
    }

    [Fact]
    public void Both_images_are_required_for_a_kinesis_modify()
    {
        var json = KinesisJson.Record("1", KinesisJson.Change(eventName: "MODIFY"));

        var error = Assert.Throws<DecodingException>(() => Json.Record(json));

        Assert.Equal("dynamodb.OldImage is missing from a MODIFY record of a NEW_AND_OLD_IMAGES stream", error.Message);
    }

    [Fact]
    public void A_missing_table_name_is_rejected()
    {
        var json = KinesisJson.Record("1", KinesisJson.Change(tableName: null));

        var error = Assert.Throws<DecodingException>(() => Json.Record(json));

        Assert.Equal("tableName is missing", error.Message);
    }

    [Fact]
    public void An_unknown_precision_is_rejected()
    {
        var json = KinesisJson.Record("1", KinesisJson.Change(precision: "NANOSECOND"));

        var error = Assert.Throws<DecodingException>(() => Json.Record(json));

        Assert.Equal("dynamodb.ApproximateCreationDateTimePrecision is not MILLISECOND or MICROSECOND", error.Message);
    }

    [Fact]
    public void A_kinesis_sequence_number_that_is_not_digits_is_rejected()
    {
        var json = KinesisJson.Record("49590338x", KinesisJson.Change());

        var error = Assert.Throws<DecodingException>(() => Json.Record(json));

        Assert.Equal("kinesis.sequenceNumber is missing or not decimal digits", error.Message);
    }

    [Fact]
    public void Data_that_is_not_base64_is_rejected()
    {
        var json = """{"kinesis": {"sequenceNumber": "1", "data": "###"}, "eventID": "shardId-0:1"}""";

        var error = Assert.Throws<DecodingException>(() => Json.Record(json));

        Assert.Equal("kinesis.data is not valid base64", error.Message);
    }

    [Fact]
    public void Data_that_is_not_json_names_the_byte()
    {
        var data = Convert.ToBase64String("{\"eventID\": oops}"u8);
        var json = "{\"kinesis\": {\"sequenceNumber\": \"1\", \"data\": \"" + data + "\"}}";

        var error = Assert.Throws<DecodingException>(() => Json.Record(json));

        Assert.Equal("kinesis.data is not valid JSON (byte 13)", error.Message);
    }

    [Fact]
    public void A_kinesis_record_without_data_is_rejected()
    {
        var error = Assert.Throws<DecodingException>(() => Json.Record("""{"kinesis": {"sequenceNumber": "1"}}"""));

        Assert.Equal("kinesis.data is missing", error.Message);
    }

    [Theory]
    [InlineData("application/x-protobuf")]
    [InlineData("")]
    [InlineData("APPLICATION/JSON")]
    public void A_record_format_other_than_json_is_rejected(string format)
    {
        var change = KinesisJson.Change().Replace("application/json", format, StringComparison.Ordinal);

        var error = Assert.Throws<DecodingException>(() => Json.Record(KinesisJson.Record("1", change)));

        Assert.Equal("kinesis.data: recordFormat is not application/json", error.Message);
    }

    [Fact]
    public void A_change_without_a_record_format_is_read_as_json()
    {
        var change = KinesisJson.Change().Replace("\"recordFormat\": \"application/json\",", "", StringComparison.Ordinal);

        Assert.Equal("change-1", Json.Record(KinesisJson.Record("1", change)).EventId);
    }

    [Theory]
    [InlineData(" {}", "kinesis.data is not valid JSON")]
    [InlineData(" garbage", "kinesis.data is not valid JSON")]
    [InlineData("   ", null)]
    public void Data_after_the_change_is_rejected(string trailing, string? message)
    {
        var json = KinesisJson.Record("1", KinesisJson.Change() + trailing);

        if (message is null)
        {
            Assert.Equal("change-1", Json.Record(json).EventId);
            return;
        }

        var error = Assert.Throws<DecodingException>(() => Json.Record(json));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }
}
