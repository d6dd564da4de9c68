using System.Text.Json.Nodes;

namespace Bus.StreamBridge.Tests.BadInput;

internal sealed partial class CorpusGenerator
{
    private void RecordShapes()
    {
        const string Category = "record-shape";
        var notObject = Decode("record must be a JSON object").Anonymous.Unsequenced;
        StreamBytes("record-is-a-number", Category, "a record that is a number", notObject, Utf8("42"));
        StreamBytes("record-is-a-string", Category, "a record that is a string", notObject, Utf8("\"INSERT\""));
        StreamBytes("record-is-null", Category, "a record that is null", notObject, Utf8("null"));
        StreamBytes("record-is-true", Category, "a record that is a boolean", notObject, Utf8("true"));
        StreamBytes("record-is-an-array", Category, "a valid record wrapped in an array", notObject,
            Utf8("[" + Compact(CorpusBases.Stream("bad-record-is-an-array", "Orders", "MODIFY")) + "]"));
        StreamBytes("record-is-empty", Category, "an empty object", Decode("eventID is missing").Anonymous.Unsequenced, Utf8("{}"));
        StreamBytes("record-is-only-an-identity", Category, "eventID and sequence number and nothing else",
            Decode("eventName is missing"),
            Utf8($$$"""{"eventID": "bad-record-is-only-an-identity", "dynamodb": {"SequenceNumber": "{{{CorpusBases.StreamSequence}}}"}}"""));
    }

    private void RecordFields()
    {
        const string Ids = "event-id";
        var notPrintable = Decode("eventID is not 1 to 256 printable ASCII characters").Anonymous;
        Stream("event-id-missing", Ids, "no eventID", Decode("eventID is missing").Anonymous, d => d.Root.Remove("eventID"));
        Stream("event-id-empty", Ids, "eventID is empty", Decode("eventID is missing").Anonymous, d => d.Root["eventID"] = "");
        Stream("event-id-number", Ids, "eventID is a number", Decode("eventID must be a string, found a number").Anonymous,
            d => d.Root["eventID"] = 42);
        Stream("event-id-null", Ids, "eventID is null", Decode("eventID must be a string, found null").Anonymous, d => d.Root["eventID"] = null);
        Stream("event-id-object", Ids, "eventID is an object", Decode("eventID must be a string, found an object").Anonymous,
            d => d.Root["eventID"] = new JsonObject { ["id"] = "x" });
        Stream("event-id-too-long", Ids, "eventID of 300 characters", notPrintable, d => d.Root["eventID"] = new string('e', 300));
        Stream("event-id-line-break", Ids, "eventID with a line break that would forge a log line", notPrintable,
            d => d.Root["eventID"] = "bad\nfail: Bus.StreamBridge[2] forged");
        Stream("event-id-space", Ids, "eventID with a space", notPrintable, d => d.Root["eventID"] = "bad event");
        Stream("event-id-not-ascii", Ids, "eventID with a non-ASCII letter", notPrintable, d => d.Root["eventID"] = "bäd");
        Stream("event-id-control-character", Ids, "eventID holding NUL", notPrintable, d => d.Root["eventID"] = "bad\u0000");

        const string Names = "event-name";
        var unknownName = Decode("eventName is not INSERT, MODIFY or REMOVE");
        Stream("event-name-missing", Names, "no eventName", Decode("eventName is missing"), d => d.Root.Remove("eventName"));
        Stream("event-name-upsert", Names, "eventName UPSERT", unknownName, d => d.Root["eventName"] = "UPSERT");
        Stream("event-name-lower-case", Names, "eventName modify in lower case", unknownName, d => d.Root["eventName"] = "modify");
        Stream("event-name-empty", Names, "eventName is empty", unknownName, d => d.Root["eventName"] = "");
        Stream("event-name-kinesis", Names, "a Kinesis record's eventName on a DynamoDB Streams record", unknownName,
            d => d.Root["eventName"] = "aws:kinesis:record");
        Stream("event-name-trailing-space", Names, "eventName MODIFY with a trailing space", unknownName, d => d.Root["eventName"] = "MODIFY ");
        Stream("event-name-number", Names, "eventName is a number", Decode("eventName must be a string, found a number"),
            d => d.Root["eventName"] = 2);

        const string Tables = "table";
        var noArn = Decode("eventSourceARN is missing or is not a DynamoDB stream ARN");
        var badTable = Decode("the table in eventSourceARN is not a DynamoDB table name (3 to 255 of A-Z a-z 0-9 _ - .)");
        Stream("arn-missing", Tables, "no eventSourceARN", noArn, d => d.Root.Remove("eventSourceARN"));
        Stream("arn-of-a-kinesis-stream", Tables, "a Kinesis stream ARN on a DynamoDB Streams record", noArn,
            d => d.Root["eventSourceARN"] = "arn:aws:kinesis:eu-west-1:123456789012:stream/bus-changes");
        Stream("arn-is-a-table-name", Tables, "eventSourceARN is just a table name", noArn, d => d.Root["eventSourceARN"] = "Orders");
        Stream("arn-without-table-name", Tables, "an ARN whose table part is empty", noArn,
            d => d.Root["eventSourceARN"] = "arn:aws:dynamodb:eu-west-1:123456789012:table//stream/x");
        Stream("arn-number", Tables, "eventSourceARN is a number", Decode("eventSourceARN must be a string, found a number"),
            d => d.Root["eventSourceARN"] = 12);
        Stream("table-name-too-short", Tables, "a two-letter table name", badTable, d => d.Root["eventSourceARN"] = CorpusBases.Arn("Or"));
        Stream("table-name-with-space", Tables, "a table name with a space", badTable, d => d.Root["eventSourceARN"] = CorpusBases.Arn("Order Archive"));
        Stream("table-name-with-line-break", Tables, "a table name with a line break", badTable,
            d => d.Root["eventSourceARN"] = CorpusBases.Arn("Orders\nforged"));
        Stream("table-name-too-long", Tables, "a 256-character table name", badTable, d => d.Root["eventSourceARN"] = CorpusBases.Arn(new string('T', 256)));
        Stream("table-name-not-ascii", Tables, "a table name with a non-ASCII letter", badTable, d => d.Root["eventSourceARN"] = CorpusBases.Arn("Ördrs"));
        Stream("table-unexpected", Tables, "a table no route is configured for", Skipped, d => d.Root["eventSourceARN"] = CorpusBases.Arn("Payments"));
        Stream("table-lower-case", Tables, "the Orders table spelt in lower case (table names are case-sensitive)", Skipped,
            d => d.Root["eventSourceARN"] = CorpusBases.Arn("orders"));
        Stream("table-longest-name", Tables, "an unconfigured table with a 255-character name", Skipped,
            d => d.Root["eventSourceARN"] = CorpusBases.Arn(new string('T', 255)));

        const string Section = "dynamodb";
        Stream("dynamodb-missing", Section, "no dynamodb section", Decode("dynamodb is missing").Unsequenced, d => d.Root.Remove("dynamodb"));
        Stream("dynamodb-null", Section, "dynamodb is null", Decode("dynamodb must be an object, found null").Unsequenced,
            d => d.Root["dynamodb"] = null);
        Stream("dynamodb-array", Section, "dynamodb is an array", Decode("dynamodb must be an object, found an array").Unsequenced,
            d => d.Root["dynamodb"] = new JsonArray());
        Stream("dynamodb-string", Section, "dynamodb is a string", Decode("dynamodb must be an object, found a string").Unsequenced,
            d => d.Root["dynamodb"] = "{}");

        const string Sequences = "sequence-number";
        var notDigits = Decode("dynamodb.SequenceNumber is missing or not decimal digits").Unsequenced;
        Stream("sequence-missing", Sequences, "no SequenceNumber", notDigits, d => d.Dynamodb.Remove("SequenceNumber"));
        Stream("sequence-number", Sequences, "SequenceNumber as a JSON number", Decode("dynamodb.SequenceNumber must be a string, found a number").Unsequenced,
            d => d.Dynamodb["SequenceNumber"] = d.Raw(CorpusBases.StreamSequence));
        Stream("sequence-letters", Sequences, "SequenceNumber with a letter", notDigits, d => d.Dynamodb["SequenceNumber"] = "44215845000000000174504485a1");
        Stream("sequence-negative", Sequences, "a negative SequenceNumber", notDigits, d => d.Dynamodb["SequenceNumber"] = "-1");
        Stream("sequence-empty", Sequences, "an empty SequenceNumber", notDigits, d => d.Dynamodb["SequenceNumber"] = "");
        Stream("sequence-padded", Sequences, "SequenceNumber with a leading space", notDigits, d => d.Dynamodb["SequenceNumber"] = " " + CorpusBases.StreamSequence);
        Stream("sequence-exponent", Sequences, "SequenceNumber in exponent notation", notDigits, d => d.Dynamodb["SequenceNumber"] = "4.4E27");
        Stream("sequence-hexadecimal", Sequences, "SequenceNumber in hexadecimal", notDigits, d => d.Dynamodb["SequenceNumber"] = "0x1F");
        Stream("sequence-full-width-digits", Sequences, "SequenceNumber in full-width digits", notDigits, d => d.Dynamodb["SequenceNumber"] = "４４２１");
        Stream("sequence-129-digits", Sequences, "a SequenceNumber of 129 digits", notDigits, d => d.Dynamodb["SequenceNumber"] = new string('9', 129));
        Stream("sequence-128-digits", Sequences, "a SequenceNumber of 128 digits, the longest accepted (real ones have 21 to 40)",
            Published(), d => d.Dynamodb["SequenceNumber"] = "4" + new string('0', 127));

        const string Views = "view-type";
        var unknownView = Decode("dynamodb.StreamViewType is not KEYS_ONLY, NEW_IMAGE, OLD_IMAGE or NEW_AND_OLD_IMAGES");
        Stream("view-type-missing", Views, "no StreamViewType", Decode("dynamodb.StreamViewType is missing"), d => d.Dynamodb.Remove("StreamViewType"));
        Stream("view-type-unknown", Views, "StreamViewType ALL", unknownView, d => d.Dynamodb["StreamViewType"] = "ALL");
        Stream("view-type-lower-case", Views, "StreamViewType in lower case", unknownView, d => d.Dynamodb["StreamViewType"] = "new_and_old_images");
        Stream("view-type-misspelt", Views, "StreamViewType NEW_AND_OLD_IMAGE", unknownView, d => d.Dynamodb["StreamViewType"] = "NEW_AND_OLD_IMAGE");
        Stream("view-type-number", Views, "StreamViewType is a number", Decode("dynamodb.StreamViewType must be a string, found a number"),
            d => d.Dynamodb["StreamViewType"] = 3);

        const string Times = "creation-time";
        var outOfRange = Decode("dynamodb.ApproximateCreationDateTime is out of range");
        var notNumber = Decode("dynamodb.ApproximateCreationDateTime must be a number");
        Stream("creation-time-missing", Times, "no ApproximateCreationDateTime", Decode("dynamodb.ApproximateCreationDateTime is missing"),
            d => d.Dynamodb.Remove("ApproximateCreationDateTime"));
        Stream("creation-time-string", Times, "creation time as a string", notNumber, d => d.Dynamodb["ApproximateCreationDateTime"] = "1793000063");
        Stream("creation-time-iso-8601", Times, "creation time as an ISO 8601 string", notNumber,
            d => d.Dynamodb["ApproximateCreationDateTime"] = "2026-10-26T08:14:23Z");
        Stream("creation-time-boolean", Times, "creation time is true", notNumber, d => d.Dynamodb["ApproximateCreationDateTime"] = true);
        Stream("creation-time-null", Times, "creation time is null", notNumber, d => d.Dynamodb["ApproximateCreationDateTime"] = null);
        Stream("creation-time-negative", Times, "a creation time before 1970", outOfRange, d => d.Dynamodb["ApproximateCreationDateTime"] = -1);
        Stream("creation-time-year-10000", Times, "a creation time after the year 9999 (in microseconds)", outOfRange,
            d => d.Dynamodb["ApproximateCreationDateTime"] = d.Raw("300000000000000000"));
        Stream("creation-time-decimal-maximum", Times, "a creation time at decimal's maximum, which overflowed when scaled", outOfRange,
            d => d.Dynamodb["ApproximateCreationDateTime"] = d.Raw("79228162514264337593543950335"));
        Stream("creation-time-beyond-decimal", Times, "a creation time of 1e400", outOfRange, d => d.Dynamodb["ApproximateCreationDateTime"] = d.Raw("1e400"));
        Stream("creation-time-nanosecond-precision", Times, "a precision DynamoDB does not have",
            Decode("dynamodb.ApproximateCreationDateTimePrecision is not MILLISECOND or MICROSECOND"),
            d => d.Dynamodb["ApproximateCreationDateTimePrecision"] = "NANOSECOND");
        Stream("creation-time-precision-number", Times, "precision given as a number",
            Decode("dynamodb.ApproximateCreationDateTimePrecision must be a string, found a number"),
            d => d.Dynamodb["ApproximateCreationDateTimePrecision"] = 6);
        Stream("creation-time-epoch", Times, "a creation time of 0, the epoch: odd but representable", Published(),
            d => d.Dynamodb["ApproximateCreationDateTime"] = 0);
        Stream("creation-time-fraction", Times, "a creation time with a fraction of a second", Published(),
            d => d.Dynamodb["ApproximateCreationDateTime"] = d.Raw("1793000063.999"));

        const string Sizes = "size-bytes";
        var badSize = Decode("dynamodb.SizeBytes must be a non-negative integer");
        Stream("size-bytes-negative", Sizes, "negative SizeBytes", badSize, d => d.Dynamodb["SizeBytes"] = -1);
        Stream("size-bytes-string", Sizes, "SizeBytes as a string", badSize, d => d.Dynamodb["SizeBytes"] = "260");
        Stream("size-bytes-fraction", Sizes, "SizeBytes with a fraction", badSize, d => d.Dynamodb["SizeBytes"] = d.Raw("260.5"));
        Stream("size-bytes-huge", Sizes, "SizeBytes beyond Int64", badSize, d => d.Dynamodb["SizeBytes"] = d.Raw("1e30"));
        Stream("size-bytes-missing", Sizes, "no SizeBytes: not needed", Published(), d => d.Dynamodb.Remove("SizeBytes"));

        const string Identity = "user-identity";
        Stream("user-identity-string", Identity, "userIdentity is a string", Decode("userIdentity must be an object, found a string"),
            d => d.Root["userIdentity"] = "dynamodb.amazonaws.com");
        Stream("user-identity-array", Identity, "userIdentity is an array", Decode("userIdentity must be an object, found an array"),
            d => d.Root["userIdentity"] = new JsonArray());
        Stream("user-identity-type-number", Identity, "userIdentity.type is a number", Decode("userIdentity.type must be a string, found a number"),
            d => d.Root["userIdentity"] = new JsonObject { ["type"] = 1, ["principalId"] = "dynamodb.amazonaws.com" });
        Stream("user-identity-principal-object", Identity, "userIdentity.principalId is an object",
            Decode("userIdentity.principalId must be a string, found an object"),
            d => d.Root["userIdentity"] = new JsonObject { ["type"] = "Service", ["principalId"] = new JsonObject() });
        Stream("user-identity-null", Identity, "userIdentity null, as Kinesis writes it", Published(), d => d.Root["userIdentity"] = null);
    }
}
