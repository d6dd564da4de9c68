using System.Text;

namespace Bus.StreamBridge.Tests.BadInput;

internal sealed partial class CorpusGenerator
{
    private void Events()
    {
        const string NotJson = "event 0: input is not valid JSON";
        var sample = _streamSample;
        var text = Encoding.UTF8.GetString(sample);
        var firstRecord = text.IndexOf('{', text.IndexOf("\"Records\"", StringComparison.Ordinal));

        Event("empty", "an empty input", "a Lambda invocation carries exactly one event; this input has 0", []);
        Event("whitespace", "only whitespace", "a Lambda invocation carries exactly one event; this input has 0", Utf8(" \n\t\r\n "));
        Event("null", "the JSON null", "event 0: expected a Lambda event object, found null", Utf8("null"));
        Event("array", "an array of records without the event around it", "event 0: expected a Lambda event object, found an array",
            Utf8("[" + text[firstRecord..text.LastIndexOf(']')] + "]"));
        Event("number", "a number", "event 0: expected a Lambda event object, found a number", Utf8("42"));
        Event("huge-number", "a number beyond any range", "event 0: expected a Lambda event object, found a number", Utf8("1e999999"));
        Event("string", "a string", "event 0: expected a Lambda event object, found a string", Utf8("\"Records\""));
        Event("deeply-nested-array", "20000 nested arrays", "event 0: expected a Lambda event object, found an array",
            Utf8(new string('[', 20_000) + new string(']', 20_000)));
        Event("empty-object", "an empty object", "event 0: not a DynamoDB Streams or Kinesis Lambda event (no Records array)", Utf8("{}"));
        Event("records-lower-case", "records spelt in lower case", "event 0: not a DynamoDB Streams or Kinesis Lambda event (no Records array)",
            Utf8(text.Replace("\"Records\"", "\"records\"", StringComparison.Ordinal)));
        Event("a-single-record", "one DynamoDB Streams record, not wrapped in an event",
            "event 0: not a DynamoDB Streams or Kinesis Lambda event (no Records array)", Utf8(Compact(CorpusBases.Stream("bad-single", "Orders", "MODIFY"))));
        Event("a-kinesis-record", "one Kinesis record, not wrapped in an event",
            "event 0: not a DynamoDB Streams or Kinesis Lambda event (no Records array)",
            Utf8(Compact(CorpusBases.Kinesis(Utf8(Compact(CorpusBases.KinesisChange("bad-single")))))));
        Event("records-null", "Records is null", "event 0: Records must be an array", Utf8("""{"Records": null}"""));
        Event("records-object", "Records is an object", "event 0: Records must be an array", Utf8("""{"Records": {"0": {}}}"""));
        Event("records-string", "Records is a string holding JSON", "event 0: Records must be an array", Utf8("""{"Records": "[]"}"""));
        Event("records-number", "Records is a number", "event 0: Records must be an array", Utf8("""{"Records": 18}"""));
        Event("records-twice", "Records appears twice: either copy would lose the other's records", "event 0: Records appears twice",
            Utf8(text.TrimEnd()[..^1] + ", \"Records\": []}"));
        foreach (var percent in new[] { 1, 10, 50, 90, 99 })
        {
            Event($"truncated-{percent}-percent", $"the sample cut after {percent}% of its bytes", NotJson, sample[..(sample.Length * percent / 100)]);
        }

        Event("truncated-before-last-brace", "the sample without its final brace", NotJson, Utf8(text.TrimEnd()[..^1]));
        Event("truncated-in-escape", "cut inside a \\u escape", NotJson, Utf8("""{"Records": [{"eventID": "a\u00"""));
        Event("truncated-after-comma", "cut after a comma between records", NotJson, Utf8(text[..text.IndexOf("},\n    {", StringComparison.Ordinal)] + "},"));
        Event("trailing-comma", "a trailing comma after the last record", NotJson, Utf8(text[..text.LastIndexOf(']')].TrimEnd() + ",\n  ]\n}"));
        Event("comment", "a JavaScript comment", NotJson, Utf8("// captured 2026-10-26\n" + text));
        Event("single-quotes", "single-quoted strings", NotJson, Utf8(text.Replace('"', '\'')));
        Event("unquoted-names", "unquoted property names", NotJson, Utf8(text.Replace("\"Records\"", "Records", StringComparison.Ordinal)));
        Event("nan-literal", "a NaN literal", NotJson, Utf8(text.Replace("\"SizeBytes\": 200", "\"SizeBytes\": NaN", StringComparison.Ordinal)));
        Event("control-character", "a raw control character inside a string", NotJson,
            Utf8(text.Replace("Ada Lovelace", "Ada\u0001Lovelace", StringComparison.Ordinal)));
        Event("not-utf8-between-tokens", "a byte that is not UTF-8 between tokens", NotJson, [.. sample[..firstRecord], 0xFF, .. sample[firstRecord..]]);
        Event("two-events", "two events as JSON Lines: a Lambda invocation has one", "a Lambda invocation carries exactly one event; this input has 2",
            Utf8("""{"Records": []}""" + "\n" + """{"Records": []}"""));
        Event("event-then-garbage", "an event followed by garbage", "event 1: input is not valid JSON", Utf8(text.TrimEnd() + " garbage"));
        Event("byte-order-mark-then-garbage", "a byte order mark before garbage", NotJson, [0xEF, 0xBB, 0xBF, .. Utf8("<Records/>")]);
        Event("utf16-le", "the sample encoded as UTF-16 with its byte order mark", NotJson, [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(text)]);
        Event("utf16-be", "the sample encoded as UTF-16 big-endian", NotJson, Encoding.BigEndianUnicode.GetBytes(text));
        Event("gzip", "gzip-compressed bytes", NotJson, [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, .. sample[..64]], "bin");
        Event("base64", "the sample in base64", NotJson, Utf8(Convert.ToBase64String(sample)));
        Event("html-error-page", "an HTML error page", NotJson, Utf8("<html><body><h1>502 Bad Gateway</h1></body></html>"));
        Event("xml", "an XML document", NotJson, Utf8("<?xml version=\"1.0\"?><Records/>"));
        Event("random-bytes", "4 KB of seeded random bytes", NotJson, RandomBytes(4096), "bin");
        Event("unclosed-nesting", "Records holding 5000 unclosed arrays", NotJson, Utf8("{\"Records\": " + new string('[', 5000)));
        Event("padded-unclosed-object", "64 KB of spaces before an unclosed object", NotJson, Utf8(new string(' ', 1 << 16) + "{"));

        AcceptedEvent("records-empty", "an event with no records: nothing to do", 0, Utf8("""{"Records": []}"""));
        AcceptedEvent("byte-order-mark", "the sample saved with a UTF-8 byte order mark", 24, [0xEF, 0xBB, 0xBF, .. sample]);
        // Found by fuzzing: comparing the name with "Records" threw InvalidOperationException.
        AcceptedEvent("lone-surrogate-escape-in-field-name", "the sample with a field beside Records named by an unpaired surrogate escape", 24,
            Utf8("{\"Rec\\ud800ords\": 1, " + text.TrimStart()[1..]));
        AcceptedEvent("deeply-nested-unread-field", "the sample with a field nested 20000 deep beside Records", 24,
            Utf8("{\"future\": " + new string('[', 20_000) + new string(']', 20_000) + ", " + text.TrimStart()[1..]));
    }

    private static byte[] RandomBytes(int count)
    {
        // A fixed seed: the file must come out the same on every run.
        var bytes = new byte[count];
        new Random(20261126).NextBytes(bytes);
        bytes[0] = 0xC1;
        return bytes;
    }
}
