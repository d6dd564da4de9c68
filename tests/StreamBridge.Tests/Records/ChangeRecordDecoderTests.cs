using Bus.Contracts;
using Bus.StreamBridge.Decoding;
using Bus.StreamBridge.Records;
using Bus.StreamBridge.Tests.Builders;

namespace Bus.StreamBridge.Tests.Records;

public class ChangeRecordDecoderTests
{
    [Fact]
    public void A_DynamoDB_Streams_record_yields_its_identity_fields()
    {
        var record = Fixture.Record("customer-insert.json");

        Assert.Equal("c0ffee00000000000000000000000001", record.EventId);
        Assert.Equal(ChangeKind.Insert, record.Kind);
        Assert.Equal("Customers", record.TableName);
        Assert.Equal("eu-west-1", record.Region);
        Assert.Equal(ChangeSource.DynamoDbStreams, record.Source);
        Assert.Equal("4421584500000000017450440091", record.Checkpoint.Value);
        Assert.Equal(StreamViewType.NewAndOldImages, record.ViewType);
        Assert.Equal(321L, record.SizeBytes);
        Assert.Equal(0, record.Position);
    }

    [Fact]
    public void Creation_time_of_a_DynamoDB_Streams_record_is_epoch_seconds()
    {
        var record = Fixture.Record("customer-insert.json");

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1793000007), record.ApproximateCreationTime);
    }

    [Fact]
    public void Creation_time_in_exponent_notation_is_read_as_seconds()
    {
        var record = Json.Record(new StreamRecordJson { CreationTime = "1.479499740E9" }.ToJson());

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1479499740), record.ApproximateCreationTime);
    }

    [Fact]
    public void The_images_and_keys_are_decoded()
    {
        var record = Fixture.Record("customer-insert.json");

        Assert.Equal("C-1001", record.Keys["customerId"].AsString());
        Assert.Equal("ada@example.com", record.NewImage!["email"].AsString());
        Assert.Equal("Amsterdam", record.NewImage["address"].AsMap()["city"].AsString());
        Assert.Null(record.OldImage);
        Assert.Equal("customerId=C-1001", record.ItemKey);
    }

    [Fact]
    public void Raw_keeps_the_record_bytes_as_received()
    {
        var json = new StreamRecordJson().ToJson();

        var record = Json.Record(json, position: 4);

        Assert.Equal(json, System.Text.Encoding.UTF8.GetString(record.Raw.Span));
        Assert.Equal(4, record.Position);
    }

    [Fact]
    public void Every_attribute_type_in_a_captured_record_decodes()
    {
        var image = Fixture.Record("every-attribute-type.json").NewImage!;

        Assert.Equal(string.Empty, image["empty"].AsString());
        Assert.Equal("Zoë 🚀 日本語", image["unicode"].AsString());
        Assert.Equal("quote \" backslash \\ tab \t newline \n", image["escaped"].AsString());
        Assert.Equal("12345678901234567890123456789012345678", image["n"].AsNumber().Text);
        Assert.Equal(new byte[] { 0, 1, 2, 255 }, image["b"].AsBinary());
        Assert.Equal(Attr.SS("green", "red"), image["ss"]);
        Assert.Equal(Attr.NS("1E+10", "1.5", "-2"), image["ns"]);
        Assert.Equal(Attr.BS([2, 3], [1]), image["bs"]);
        Assert.Equal("42", image["m"].AsMap()["inner"].AsMap()["deeper"].AsList()[1].AsMap()["deepest"].AsNumber().Text);
        Assert.Equal(6, image["l"].AsList().Count);
        Assert.Equal(DynamoValue.Null, image["nothing"]);
        Assert.True(image["yes"].AsBool());
        Assert.False(image["no"].AsBool());
    }

    [Theory]
    [InlineData("INSERT", ChangeKind.Insert)]
    [InlineData("MODIFY", ChangeKind.Modify)]
    [InlineData("REMOVE", ChangeKind.Remove)]
    public void EventName_maps_to_the_change_kind(string eventName, ChangeKind kind)
    {
        var json = new StreamRecordJson
        {
            EventName = eventName,
            NewImage = eventName == "REMOVE" ? null : new StreamRecordJson().NewImage,
            OldImage = eventName == "INSERT" ? null : new StreamRecordJson().OldImage,
        }.ToJson();

        Assert.Equal(kind, Json.Record(json).Kind);
    }

    [Theory]
    [InlineData("KEYS_ONLY", StreamViewType.KeysOnly)]
    [InlineData("NEW_IMAGE", StreamViewType.NewImage)]
    [InlineData("OLD_IMAGE", StreamViewType.OldImage)]
    [InlineData("NEW_AND_OLD_IMAGES", StreamViewType.NewAndOldImages)]
    public void StreamViewType_is_read(string wireName, StreamViewType expected)
    {
        var record = Json.Record(new StreamRecordJson { ViewType = wireName }.ToJson());

        Assert.Equal(expected, record.ViewType);
    }

    [Theory]
    [InlineData("arn:aws:dynamodb:eu-west-1:123456789012:table/Customers/stream/2026-11-01T00:00:00.000", "Customers")]
    [InlineData("arn:aws:dynamodb:us-east-1:123456789012:table/my.table-1_x/stream/label", "my.table-1_x")]
    [InlineData("arn:aws-cn:dynamodb:cn-north-1:123456789012:table/Orders", "Orders")]
    [InlineData("arn:aws:kinesis:eu-west-1:123456789012:stream/bus-changes", null)]
    [InlineData("table/Customers/stream/x", null)]
    [InlineData(null, null)]
    public void The_table_name_comes_from_the_stream_arn(string? arn, string? table)
    {
        Assert.Equal(table, ChangeRecordDecoder.TableFromArn(arn));
    }

    [Theory]
    [InlineData("NEW_IMAGE", "MODIFY", "dynamodb.NewImage is missing from a MODIFY record of a NEW_IMAGE stream")]
    [InlineData("NEW_AND_OLD_IMAGES", "INSERT", "dynamodb.NewImage is missing from a INSERT record of a NEW_AND_OLD_IMAGES stream")]
    [InlineData("OLD_IMAGE", "REMOVE", "dynamodb.OldImage is missing from a REMOVE record of a OLD_IMAGE stream")]
    [InlineData("NEW_AND_OLD_IMAGES", "MODIFY", "dynamodb.NewImage is missing from a MODIFY record of a NEW_AND_OLD_IMAGES stream")]
    public void A_record_missing_an_image_its_view_type_carries_is_rejected(string viewType, string eventName, string message)
    {
        var json = new StreamRecordJson { ViewType = viewType, EventName = eventName, NewImage = null, OldImage = null }.ToJson();

        var error = Assert.Throws<DecodingException>(() => Json.Record(json));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void A_modify_of_a_new_and_old_images_stream_needs_the_old_image()
    {
        var json = new StreamRecordJson { OldImage = null }.ToJson();

        var error = Assert.Throws<DecodingException>(() => Json.Record(json));

        Assert.Equal("dynamodb.OldImage is missing from a MODIFY record of a NEW_AND_OLD_IMAGES stream", error.Message);
    }

    [Fact]
    public void A_keys_only_record_needs_no_images()
    {
        var record = Json.Record(new StreamRecordJson { ViewType = "KEYS_ONLY", NewImage = null, OldImage = null }.ToJson());

        Assert.Null(record.NewImage);
        Assert.Null(record.OldImage);
        Assert.Equal("customerId=C-1", record.ItemKey);
    }

    [Fact]
    public void An_unknown_event_name_is_rejected()
    {
        var error = Assert.Throws<DecodingException>(() => Json.Record(new StreamRecordJson { EventName = "UPSERT" }.ToJson()));

        Assert.Equal("eventName is not INSERT, MODIFY or REMOVE", error.Message);
    }

    [Fact]
    public void An_unknown_view_type_is_rejected()
    {
        var error = Assert.Throws<DecodingException>(() => Json.Record(new StreamRecordJson { ViewType = "ALL" }.ToJson()));

        Assert.Equal("dynamodb.StreamViewType is not KEYS_ONLY, NEW_IMAGE, OLD_IMAGE or NEW_AND_OLD_IMAGES", error.Message);
    }

    [Theory]
    [InlineData("eventID is missing")]
    [InlineData("eventName is missing")]
    [InlineData("eventSourceARN is missing or is not a DynamoDB stream ARN")]
    [InlineData("dynamodb.SequenceNumber is missing or not decimal digits")]
    [InlineData("dynamodb.StreamViewType is missing")]
    [InlineData("dynamodb.Keys is missing or empty")]
    [InlineData("dynamodb.ApproximateCreationDateTime is missing")]
    public void A_missing_required_field_is_named(string message)
    {
        var json = message.Split(' ')[0] switch
        {
            "eventID" => new StreamRecordJson { EventId = null },
            "eventName" => new StreamRecordJson { EventName = null },
            "eventSourceARN" => new StreamRecordJson { SourceArn = null },
            "dynamodb.SequenceNumber" => new StreamRecordJson { SequenceNumber = null },
            "dynamodb.StreamViewType" => new StreamRecordJson { ViewType = null },
            "dynamodb.Keys" => new StreamRecordJson { Keys = "{}" },
            _ => new StreamRecordJson { CreationTime = null },
        };

        var error = Assert.Throws<DecodingException>(() => Json.Record(json.ToJson()));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void A_sequence_number_that_is_not_digits_is_rejected()
    {
        var error = Assert.Throws<DecodingException>(() => Json.Record(new StreamRecordJson { SequenceNumber = "12a" }.ToJson()));

        Assert.Equal("dynamodb.SequenceNumber is missing or not decimal digits", error.Message);
    }

    [Fact]
    public void A_record_without_a_dynamodb_section_is_rejected()
    {
        var error = Assert.Throws<DecodingException>(() => Json.Record("""{"eventID": "e", "eventName": "INSERT"}"""));

        Assert.Equal("dynamodb is missing", error.Message);
    }

    [Fact]
    public void A_record_that_is_not_an_object_is_rejected()
    {
        var error = Assert.Throws<DecodingException>(() => Json.Record("42"));

        Assert.Equal("record must be a JSON object", error.Message);
    }

    [Fact]
    public void A_creation_time_given_as_a_string_is_rejected()
    {
        var error = Assert.Throws<DecodingException>(() => Json.Record(new StreamRecordJson { CreationTime = "\"1793000007\"" }.ToJson()));

        Assert.Equal("dynamodb.ApproximateCreationDateTime must be a number", error.Message);
    }

    [Fact]
    public void A_key_of_a_type_keys_cannot_have_fails_when_rendered()
    {
        var record = Json.Record(new StreamRecordJson { Keys = """{"customerId": {"BOOL": true}}""" }.ToJson());

        var error = Assert.Throws<DecodingException>(() => record.ItemKey);

        Assert.Equal("key attribute has type BOOL; DynamoDB keys are S, N or B", error.Message);
    }

    [Fact]
    public void Unknown_fields_are_ignored()
    {
        var json = new StreamRecordJson { Extra = """ "FutureField": {"nested": [1, 2, {"x": null}]} """ }.ToJson();

        var record = Json.Record(json);

        Assert.Equal("evt-1", record.EventId);
    }

    [Fact]
    public void A_record_that_is_not_valid_json_names_the_byte()
    {
        var error = Assert.Throws<DecodingException>(() => Json.Record("""{"eventID": }"""));

        Assert.Equal("record is not valid JSON (byte 13)", error.Message);
    }

    [Fact]
    public void A_negative_size_is_rejected()
    {
        var json = new StreamRecordJson().ToJson().Replace("\"SizeBytes\": 120", "\"SizeBytes\": -1", StringComparison.Ordinal);

        var error = Assert.Throws<DecodingException>(() => Json.Record(json));

        Assert.Equal("dynamodb.SizeBytes must be a non-negative integer", error.Message);
    }

    [Fact]
    public void A_negative_creation_time_is_rejected()
    {
        var error = Assert.Throws<DecodingException>(() => Json.Record(new StreamRecordJson { CreationTime = "-1" }.ToJson()));

        Assert.Equal("dynamodb.ApproximateCreationDateTime is out of range", error.Message);
    }

    [Theory]
    [InlineData("79228162514264337593543950335")]
    [InlineData("1E+27")]
    [InlineData("1e400")]
    [InlineData("300000000000000000")]
    public void A_creation_time_beyond_the_calendar_is_out_of_range(string time)
    {
        var error = Assert.Throws<DecodingException>(() => Json.Record(new StreamRecordJson { CreationTime = time }.ToJson()));

        Assert.Equal("dynamodb.ApproximateCreationDateTime is out of range", error.Message);
    }
}
