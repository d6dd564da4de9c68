using System.Text;
using System.Text.Json.Nodes;

namespace Bus.StreamBridge.Tests.BadInput;

internal sealed partial class CorpusGenerator
{
    private void KinesisRecords()
    {
        const string Data = "kinesis-data";
        Kinesis("kinesis-data-missing", Data, "a Kinesis record without data", Decode("kinesis.data is missing"),
            outer: d => d.Root["kinesis"]!.AsObject().Remove("data"));
        Kinesis("kinesis-data-number", Data, "data as a number", Decode("kinesis.data must be a base64 string"),
            outer: d => d.Root["kinesis"]!["data"] = 7);
        Kinesis("kinesis-data-null", Data, "data as null", Decode("kinesis.data must be a base64 string"),
            outer: d => d.Root["kinesis"]!["data"] = null);
        foreach (var (name, text, description) in new[]
        {
            ("kinesis-data-not-base64", "not base64!", "data with characters outside base64"),
            ("kinesis-data-bad-padding", "e30", "data missing its padding"),
            ("kinesis-data-misplaced-padding", "e3=0=", "data with padding inside"),
            ("kinesis-data-url-alphabet", "eyJ-_w==", "data in the URL-safe alphabet"),
            ("kinesis-data-escaped-garbage", "\u0001\u0002", "data holding control characters"),
        })
        {
            Kinesis(name, Data, description, Decode("kinesis.data is not valid base64"), outer: d => d.Root["kinesis"]!["data"] = text);
        }

        // Found by fuzzing: the reader unescapes \u escapes before decoding base64 and threw on an unpaired
        // surrogate, failing the whole batch.
        Kinesis("kinesis-data-unpaired-surrogate-escape", Data, "data with the escapes of a reversed surrogate pair inside",
            Decode("kinesis.data is not valid base64"), outer: d => d.Root["kinesis"]!["data"] = d.Raw("\"eyJhd3\\udc00\\ud800NSZWdpb24i\""));

        var notJson = Decode("kinesis.data is not valid JSON");
        Kinesis("kinesis-data-empty", Data, "empty data", notJson, data: []);
        Kinesis("kinesis-data-text", Data, "data that is plain text", notJson, data: Utf8("order O-5001 packed"));
        Kinesis("kinesis-data-truncated", Data, "a change cut in half", notJson,
            data: Utf8(Compact(CorpusBases.KinesisChange("bad-kinesis-data-truncated")))[..300]);
        Kinesis("kinesis-data-trailing-garbage", Data, "a change followed by garbage", notJson,
            data: Utf8(Compact(CorpusBases.KinesisChange("bad-kinesis-data-trailing-garbage")) + " garbage"));
        Kinesis("kinesis-data-two-changes", Data, "two changes in one record", notJson,
            data: Utf8(Compact(CorpusBases.KinesisChange("bad-kinesis-data-two-changes")) + Compact(CorpusBases.KinesisChange("bad-second"))));
        Kinesis("kinesis-data-gzip", Data, "gzip-compressed bytes", notJson, data: [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xAB, 0x56, 0x4A]);
        Kinesis("kinesis-data-utf16", Data, "the change encoded as UTF-16", notJson,
            data: Encoding.Unicode.GetBytes(Compact(CorpusBases.KinesisChange("bad-kinesis-data-utf16"))));
        Kinesis("kinesis-data-array", Data, "data holding a JSON array", Decode("kinesis.data: record must be a JSON object"), data: Utf8("[]"));
        Kinesis("kinesis-data-null-json", Data, "data holding JSON null", Decode("kinesis.data: record must be a JSON object"), data: Utf8("null"));
        Kinesis("kinesis-data-application-json", Data, "data holding application JSON, not a DynamoDB change",
            Decode("eventID is missing"), data: Utf8("""{"orderId": "O-5001", "status": "PACKED"}"""));
        Kinesis("kinesis-data-empty-object", Data, "data holding {}", Decode("eventID is missing"), data: Utf8("{}"));

        const string Format = "kinesis-record-format";
        Kinesis("kinesis-record-format-protobuf", Format, "recordFormat application/x-protobuf",
            Decode("kinesis.data: recordFormat is not application/json"), inner: d => d.Root["recordFormat"] = "application/x-protobuf");
        Kinesis("kinesis-record-format-empty", Format, "an empty recordFormat", Decode("kinesis.data: recordFormat is not application/json"),
            inner: d => d.Root["recordFormat"] = "");
        Kinesis("kinesis-record-format-number", Format, "recordFormat as a number",
            Decode("kinesis.data: recordFormat must be a string, found a number"), inner: d => d.Root["recordFormat"] = 1);
        Kinesis("kinesis-record-format-missing", Format, "no recordFormat: read as JSON", Published(), inner: d => d.Root.Remove("recordFormat"));

        const string Fields = "kinesis-fields";
        Kinesis("kinesis-table-missing", Fields, "a change without tableName", Decode("tableName is missing"), inner: d => d.Root.Remove("tableName"));
        Kinesis("kinesis-table-number", Fields, "tableName as a number", Decode("kinesis.data: tableName must be a string, found a number"),
            inner: d => d.Root["tableName"] = 1);
        Kinesis("kinesis-table-invalid", Fields, "a tableName DynamoDB would not allow",
            Decode("tableName is not a DynamoDB table name (3 to 255 of A-Z a-z 0-9 _ - .)"), inner: d => d.Root["tableName"] = "Orders/../Customers");
        Kinesis("kinesis-table-unexpected", Fields, "a table no route is configured for", Skipped, inner: d => d.Root["tableName"] = "Payments");
        Kinesis("kinesis-event-name-unknown", Fields, "a change whose eventName is the Kinesis record's",
            Decode("eventName is not INSERT, MODIFY or REMOVE"), inner: d => d.Root["eventName"] = "aws:kinesis:record");
        Kinesis("kinesis-event-id-missing", Fields, "a change without eventID", Decode("eventID is missing"), inner: d => d.Root.Remove("eventID"));
        Kinesis("kinesis-event-id-forged-line", Fields, "a change whose eventID holds a line break",
            Decode("eventID is not 1 to 256 printable ASCII characters"), inner: d => d.Root["eventID"] = "bad\nforged");
        Kinesis("kinesis-dynamodb-missing", Fields, "a change without its dynamodb section", Decode("dynamodb is missing"),
            inner: d => d.Root.Remove("dynamodb"));
        Kinesis("kinesis-sequence-missing", Fields, "a Kinesis record without sequenceNumber",
            Decode("kinesis.sequenceNumber is missing or not decimal digits").Unsequenced,
            outer: d => d.Root["kinesis"]!.AsObject().Remove("sequenceNumber"));
        Kinesis("kinesis-sequence-letters", Fields, "a Kinesis sequenceNumber with letters",
            Decode("kinesis.sequenceNumber is missing or not decimal digits").Unsequenced,
            outer: d => d.Root["kinesis"]!["sequenceNumber"] = "4959033827149025660855969253836157109592157598913658804x");
        Kinesis("kinesis-sequence-number", Fields, "a Kinesis sequenceNumber as a JSON number",
            Decode("kinesis.sequenceNumber must be a string, found a number").Unsequenced,
            outer: d => d.Root["kinesis"]!["sequenceNumber"] = d.Raw(CorpusBases.KinesisSequence));
        Kinesis("kinesis-section-string", Fields, "kinesis given as a string", Decode("kinesis must be an object, found a string").Unsequenced,
            outer: d => d.Root["kinesis"] = "data");
        Kinesis("kinesis-section-null", Fields, "kinesis given as null", Decode("kinesis must be an object, found null").Unsequenced,
            outer: d => d.Root["kinesis"] = null);
        Kinesis("kinesis-twice-data", Fields, "kinesis.data appears twice", Decode("kinesis.data appears twice"),
            outer: d => d.ReplaceText("\"data\": ", "\"data\": \"e30=\",\n    \"data\": "));
        Kinesis("kinesis-twice-event-name", Fields, "the change's eventName appears twice", Decode("kinesis.data: eventName appears twice"),
            inner: d => d.ReplaceText("\"eventName\": \"MODIFY\"", "\"eventName\": \"MODIFY\",\n  \"eventName\": \"REMOVE\""));
        Kinesis("kinesis-nested-kinesis", Fields, "a change that itself holds a kinesis section: not followed", Published(),
            inner: d => d.Root["kinesis"] = new JsonObject { ["data"] = "e30=", ["sequenceNumber"] = "1" });
        Kinesis("kinesis-outer-event-id-forged-line", Fields, "the Kinesis record's own eventID holds a line break: only the change's counts",
            Published(), outer: d => d.Root["eventID"] = "shard\nforged");
        Kinesis("kinesis-sequence-128-digits", Fields, "a Kinesis sequenceNumber of 128 digits", Published() with { Sequence = "5" + new string('0', 127) },
            outer: d => d.Root["kinesis"]!["sequenceNumber"] = "5" + new string('0', 127));

        const string Times = "kinesis-creation-time";
        Kinesis("kinesis-precision-nanosecond", Times, "precision NANOSECOND",
            Decode("dynamodb.ApproximateCreationDateTimePrecision is not MILLISECOND or MICROSECOND"),
            inner: d => d.Dynamodb["ApproximateCreationDateTimePrecision"] = "NANOSECOND");
        Kinesis("kinesis-creation-time-beyond-year-9999", Times, "microseconds beyond the year 9999",
            Decode("dynamodb.ApproximateCreationDateTime is out of range"), inner: d => d.Dynamodb["ApproximateCreationDateTime"] = d.Raw("1e30"));
        Kinesis("kinesis-creation-time-string", Times, "creation time as a string",
            Decode("kinesis.data: dynamodb.ApproximateCreationDateTime must be a number"),
            inner: d => d.Dynamodb["ApproximateCreationDateTime"] = "1793000063123456");
        Kinesis("kinesis-creation-time-milliseconds-mislabelled", Times, "milliseconds labelled MICROSECOND: 1970, odd but readable",
            Published(), inner: d => d.Dynamodb["ApproximateCreationDateTime"] = 1793000063123);

        const string Content = "kinesis-content";
        Kinesis("kinesis-s-not-utf8", Content, "an S value that is not UTF-8 inside the data",
            Decode($"kinesis.data.dynamodb.NewImage.status: S value {NotUnicode}"),
            inner: d => d.NewImage["status"] = Value("S", d.StringWithBytes("PACK", [0xC3, 0x28])));
        Kinesis("kinesis-n-json-number", Content, "N as a JSON number inside the data",
            Decode("kinesis.data.dynamodb.NewImage.total: N value must be a JSON string of digits, found a number"),
            inner: d => d.NewImage["total"] = new JsonObject { ["N"] = d.Raw("49.99") });
        Kinesis("kinesis-n-39-digits", Content, "a 39-digit number inside the data",
            Decode("kinesis.data.dynamodb.NewImage.total: number has 39 significant digits; DynamoDB allows at most 38"),
            inner: d => d.NewImage["total"] = Value("N", "1" + new string('0', 37) + "1"));
        Kinesis("kinesis-b-not-base64", Content, "invalid base64 in B inside the data",
            Decode("kinesis.data.dynamodb.NewImage.blob: B value is not valid base64"), inner: d => d.NewImage["blob"] = Value("B", "%%"));
        Kinesis("kinesis-modify-without-old-image", Content, "a MODIFY without its old image: Kinesis always carries both",
            Decode("dynamodb.OldImage is missing from a MODIFY record of a NEW_AND_OLD_IMAGES stream"), inner: d => d.Dynamodb.Remove("OldImage"));
        Kinesis("kinesis-nested-33", Content, "maps nested 33 deep inside the data",
            Decode("value is nested deeper than DynamoDB's 32 levels"), inner: d => d.NewImage["meta"] = d.Raw(NestedMaps(33)));
        Kinesis("kinesis-item-410-kb", Content, "a 410 KB item inside the data",
            Decode("kinesis.data: dynamodb.NewImage is 419963 bytes by DynamoDB's size rules; an item holds at most 409600"),
            inner: d => d.NewImage["note"] = Value("S", new string('x', 410 * 1024)));
        Kinesis("kinesis-total-string", Content, "Orders.total as S on an INSERT", Translate("attribute 'total' is S; the table's schema has N"),
            inner: d => d.NewImage["total"] = Value("S", "49.99"), eventName: "INSERT");
        Kinesis("kinesis-version-missing", Content, "an item with no version", Published(), inner: d => d.NewImage.Remove("version"));

        const string Duplicates = "kinesis-duplicates";
        // Kinesis record 1 of the valid batch carries change 94d4f7bae815fd9b29bb184ce6a606f8 (O-5001 to SHIPPED).
        var sample = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", "kinesis-data-streams.json")))!;
        var shippedData = Convert.FromBase64String(sample["Records"]![1]!["kinesis"]!["data"]!.GetValue<string>());
        Kinesis("kinesis-copy-of-a-change", Duplicates, "the SHIPPED change of record 1 delivered again under a new Kinesis sequence number",
            new Expect(CorpusOutcomes.Duplicate).Named("94d4f7bae815fd9b29bb184ce6a606f8"), data: shippedData);
        Kinesis("kinesis-event-id-of-another-change", Duplicates, "a different change under the eventID of record 1's change",
            Decode("eventID repeats record 1's with a different change").Named("94d4f7bae815fd9b29bb184ce6a606f8"),
            inner: d => d.Root["eventID"] = "94d4f7bae815fd9b29bb184ce6a606f8");
    }
}
