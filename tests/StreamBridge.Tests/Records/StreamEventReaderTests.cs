using Bus.StreamBridge.Decoding;
using Bus.StreamBridge.Records;
using Bus.StreamBridge.Tests.Builders;

namespace Bus.StreamBridge.Tests.Records;

public class StreamEventReaderTests
{
    [Fact]
    public void A_lambda_event_splits_into_its_records_in_order()
    {
        var events = Fixture.Events("customer-removes.json");

        var single = Assert.Single(events);
        Assert.Equal([0, 1, 2, 3, 4], single.Records.Select(r => r.Position));
        Assert.Equal(
            ["c0ffee00000000000000000000000010", "c0ffee00000000000000000000000011", "c0ffee00000000000000000000000012",
             "c0ffee00000000000000000000000013", "c0ffee00000000000000000000000014"],
            single.Records.Select(r => ChangeRecordDecoder.Decode(r).EventId));
    }

    [Fact]
    public void Json_lines_of_several_events_are_all_read()
    {
        var events = Fixture.Events("two-events.jsonl");

        Assert.Equal([0, 1], events.Select(e => e.Index));
        Assert.Equal([2, 1], events.Select(e => e.Records.Count));
        Assert.Equal("c0ffee00000000000000000000000043", ChangeRecordDecoder.Decode(events[1].Records[0]).EventId);
    }

    [Fact]
    public void A_malformed_record_in_the_middle_does_not_stop_the_others_from_splitting()
    {
        var records = Fixture.Events("batch-with-malformed-record.json").Single().Records;

        Assert.Equal(4, records.Count);
        Assert.Equal("c0ffee00000000000000000000000040", ChangeRecordDecoder.Decode(records[0]).EventId);
        Assert.Equal("c0ffee00000000000000000000000042", ChangeRecordDecoder.Decode(records[3]).EventId);
    }

    [Fact]
    public void The_malformed_record_fails_alone_with_its_path()
    {
        var records = Fixture.Events("batch-with-malformed-record.json").Single().Records;

        var error = Assert.Throws<DecodingException>(() => ChangeRecordDecoder.Decode(records[1]));

        Assert.Equal("dynamodb.NewImage.score: number has an exponent without digits", error.Message);
    }

    [Fact]
    public void A_record_that_is_not_an_object_is_still_its_own_slice()
    {
        var records = Fixture.Events("batch-with-malformed-record.json").Single().Records;

        Assert.Equal("42", System.Text.Encoding.UTF8.GetString(records[2].Json.Span));
        Assert.Equal(2, records[2].Position);
    }

    [Fact]
    public void Invalid_json_names_the_event_line_and_byte()
    {
        var input = Json.Utf8("{\"Records\": []}\n{\"Records\": [}");

        var error = Assert.Throws<DecodingException>(() => StreamEventReader.Read(input));

        Assert.Equal("event 1: input is not valid JSON (line 2, byte 14)", error.Message);
    }

    [Fact]
    public void An_event_without_records_is_rejected()
    {
        var error = Assert.Throws<DecodingException>(() => StreamEventReader.Read(Json.Utf8("""{"Items": []}""")));

        Assert.Equal("event 0: not a DynamoDB Streams or Kinesis Lambda event (no Records array)", error.Message);
    }

    [Fact]
    public void Records_that_are_not_an_array_are_rejected()
    {
        var error = Assert.Throws<DecodingException>(() => StreamEventReader.Read(Json.Utf8("""{"Records": {}}""")));

        Assert.Equal("event 0: Records must be an array", error.Message);
    }

    [Fact]
    public void An_event_with_two_records_arrays_is_rejected_rather_than_dropping_either()
    {
        var input = Json.Utf8("""{"Records": [{"eventID": "a"}], "Records": [{"eventID": "b"}]}""");

        var error = Assert.Throws<DecodingException>(() => StreamEventReader.Read(input));

        Assert.Equal("event 0: Records appears twice", error.Message);
    }

    [Fact]
    public void An_event_that_is_not_an_object_is_rejected()
    {
        var error = Assert.Throws<DecodingException>(() => StreamEventReader.Read(Json.Utf8("[1]")));

        Assert.Equal("event 0: expected a Lambda event object, found an array", error.Message);
    }

    [Fact]
    public void Empty_input_has_no_events()
    {
        Assert.Empty(StreamEventReader.Read(ReadOnlyMemory<byte>.Empty));
    }

    [Fact]
    public void An_empty_records_array_is_an_event_without_records()
    {
        var single = Assert.Single(StreamEventReader.Read(Json.Utf8("""{"Records": []}""")));

        Assert.Empty(single.Records);
    }

    [Fact]
    public void A_utf8_byte_order_mark_before_a_captured_file_is_tolerated()
    {
        var input = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Fixture.Stream("customer-insert.json")).ToArray();

        var single = Assert.Single(StreamEventReader.Read(input));

        Assert.Equal("c0ffee00000000000000000000000001", ChangeRecordDecoder.Decode(single.Records[0]).EventId);
    }
}
