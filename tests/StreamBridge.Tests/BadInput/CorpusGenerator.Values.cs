using System.Text;
using System.Text.Json.Nodes;

namespace Bus.StreamBridge.Tests.BadInput;

internal sealed partial class CorpusGenerator
{
    private void AttributeValues()
    {
        const string Category = "attribute-values";
        const string At = "dynamodb.NewImage.status: ";
        Stream("type-unknown", Category, "an unknown type tag", Decode(At + "unknown attribute type 'X'"), d => d.NewImage["status"] = Value("X", "PACKED"));
        Stream("type-lower-case", Category, "a type tag in lower case", Decode(At + "unknown attribute type 's'"), d => d.NewImage["status"] = Value("s", "PACKED"));
        Stream("type-spelt-out", Category, "a type tag spelt out", Decode(At + "unknown attribute type 'STRING'"),
            d => d.NewImage["status"] = Value("STRING", "PACKED"));
        Stream("type-empty", Category, "an empty type tag", Decode(At + "unknown attribute type ''"), d => d.NewImage["status"] = Value("", "PACKED"));
        Stream("type-escaped", Category, "a type tag written as a JSON escape: the same tag", Published(),
            d => d.NewImage["status"] = d.Raw("""{"\u0053": "PACKED"}"""));
        Stream("value-without-type", Category, "an attribute value with no type", Decode(At + "attribute value has no type"),
            d => d.NewImage["status"] = new JsonObject());
        Stream("value-is-a-string", Category, "an attribute given as a bare string", Decode(At + "expected an attribute value object, found a string"),
            d => d.NewImage["status"] = "PACKED");
        Stream("value-is-a-number", Category, "an attribute given as a bare number", Decode(At + "expected an attribute value object, found a number"),
            d => d.NewImage["status"] = 1);
        Stream("value-is-null", Category, "an attribute given as null", Decode(At + "expected an attribute value object, found null"),
            d => d.NewImage["status"] = null);
        Stream("value-is-an-array", Category, "an attribute given as an array", Decode(At + "expected an attribute value object, found an array"),
            d => d.NewImage["status"] = new JsonArray("PACKED"));
        foreach (var (name, value, found) in new (string, JsonNode?, string)[]
        {
            ("number", 7, "a number"), ("null", null, "null"), ("object", new JsonObject(), "an object"),
            ("array", new JsonArray(), "an array"), ("boolean", false, "a boolean"),
        })
        {
            Stream($"s-is-{name}", Category, $"an S value that is {found}", Decode(At + $"S value must be a JSON string, found {found}"),
                d => d.NewImage["status"] = Value("S", value));
        }

        Stream("null-false", Category, "NULL: false", Decode("dynamodb.NewImage.note: NULL must be true, found a boolean"),
            d => d.NewImage["note"] = Value("NULL", false));
        Stream("null-string", Category, "NULL: \"true\"", Decode("dynamodb.NewImage.note: NULL must be true, found a string"),
            d => d.NewImage["note"] = Value("NULL", "true"));
        Stream("null-null", Category, "NULL: null", Decode("dynamodb.NewImage.note: NULL must be true, found null"),
            d => d.NewImage["note"] = Value("NULL", null));
        Stream("null-one", Category, "NULL: 1", Decode("dynamodb.NewImage.note: NULL must be true, found a number"),
            d => d.NewImage["note"] = Value("NULL", 1));
        Stream("bool-string", Category, "BOOL: \"true\"", Decode("dynamodb.NewImage.gift: BOOL must be true or false, found a string"),
            d => d.NewImage["gift"] = Value("BOOL", "true"));
        Stream("bool-one", Category, "BOOL: 1", Decode("dynamodb.NewImage.gift: BOOL must be true or false, found a number"),
            d => d.NewImage["gift"] = Value("BOOL", 1));
        Stream("bool-null", Category, "BOOL: null", Decode("dynamodb.NewImage.gift: BOOL must be true or false, found null"),
            d => d.NewImage["gift"] = Value("BOOL", null));
    }

    private void Numbers()
    {
        const string Category = "numbers";
        const string At = "dynamodb.NewImage.total: ";
        void Bad(string name, string description, string text, string reason) =>
            Stream(name, Category, description, Decode(At + reason), d => d.NewImage["total"] = Value("N", text));
        void Odd(string name, string description, string text) =>
            Stream(name, Category, description, Published(), d => d.NewImage["note"] = Value("N", text));

        Stream("n-json-number", Category, "N as a JSON number", Decode(At + "N value must be a JSON string of digits, found a number"),
            d => d.NewImage["total"] = new JsonObject { ["N"] = d.Raw("49.99") });
        Stream("n-boolean", Category, "N: true", Decode(At + "N value must be a JSON string of digits, found a boolean"),
            d => d.NewImage["total"] = Value("N", true));
        Stream("n-null", Category, "N: null", Decode(At + "N value must be a JSON string of digits, found null"), d => d.NewImage["total"] = Value("N", null));
        Stream("n-array", Category, "N: [\"49.99\"]", Decode(At + "N value must be a JSON string of digits, found an array"),
            d => d.NewImage["total"] = Value("N", new JsonArray("49.99")));
        Bad("n-empty", "an empty number", "", "number has no digits");
        Bad("n-leading-space", "a number with a leading space", " 49.99", "number has no digits");
        Bad("n-trailing-space", "a number with a trailing space", "49.99 ", "number has an unexpected character at position 5");
        Bad("n-decimal-comma", "a decimal comma", "49,99", "number has an unexpected character at position 2");
        Bad("n-thousands-separator", "a thousands separator", "1,049.99", "number has an unexpected character at position 1");
        Bad("n-hexadecimal", "a hexadecimal number", "0x31", "number has an unexpected character at position 1");
        Bad("n-exponent-without-digits", "an exponent without digits", "49e", "number has an exponent without digits");
        Bad("n-exponent-sign-only", "an exponent with a sign only", "49e+", "number has an exponent without digits");
        Bad("n-exponent-only", "an exponent without a mantissa", "e5", "number has no digits");
        Bad("n-two-minus-signs", "two minus signs", "--1", "number has no digits");
        Bad("n-two-signs", "a plus and a minus sign", "+-1", "number has no digits");
        Bad("n-point-only", "a lone decimal point", ".", "number has no digits");
        Bad("n-two-points", "two decimal points", "1.2.3", "number has an unexpected character at position 3");
        Bad("n-fractional-exponent", "an exponent with a fraction", "1E5.5", "number has an unexpected character at position 3");
        Bad("n-nan", "NaN", "NaN", "number has no digits");
        Bad("n-infinity", "Infinity", "Infinity", "number has no digits");
        Bad("n-negative-infinity", "-Infinity", "-Infinity", "number has no digits");
        Bad("n-infinity-sign", "the infinity sign", "∞", "number has no digits");
        Bad("n-underscore", "a digit separator", "1_000", "number has an unexpected character at position 1");
        Bad("n-type-suffix", "a C# type suffix", "49.99m", "number has an unexpected character at position 5");
        Bad("n-arabic-indic-digits", "Arabic-Indic digits", "٤٩", "number has no digits");
        Bad("n-full-width-digits", "full-width digits", "４９", "number has no digits");
        Bad("n-39-digits", "a 39-digit integer", "1" + new string('0', 37) + "1", "number has 39 significant digits; DynamoDB allows at most 38");
        Bad("n-39-significant-digits", "39 significant digits around a decimal point", "1." + new string('0', 37) + "1",
            "number has 39 significant digits; DynamoDB allows at most 38");
        Bad("n-100-digits", "a 100-digit integer", new string('7', 100), "number has 100 significant digits; DynamoDB allows at most 38");
        Bad("n-1e126", "1E+126, just beyond DynamoDB's largest magnitude", "1E+126", "number's magnitude 1E126 is outside DynamoDB's range 1E-130 to 9.99E+125");
        Bad("n-negative-1e126", "-1E+126", "-1E+126", "number's magnitude 1E126 is outside DynamoDB's range 1E-130 to 9.99E+125");
        Bad("n-1e-131", "1E-131, just below DynamoDB's smallest magnitude", "1E-131", "number's magnitude 1E-131 is outside DynamoDB's range 1E-130 to 9.99E+125");
        Bad("n-tenth-of-1e-130", "0.1E-130", "0.1E-130", "number's magnitude 1E-131 is outside DynamoDB's range 1E-130 to 9.99E+125");
        Bad("n-127-digit-power-of-ten", "1 followed by 127 zeros", "1" + new string('0', 127), "number's magnitude 1E127 is outside DynamoDB's range 1E-130 to 9.99E+125");
        Bad("n-exponent-beyond-int", "an exponent beyond Int32", "1E+99999999999999999999", "number's magnitude 1E1000000 is outside DynamoDB's range 1E-130 to 9.99E+125");
        Bad("n-negative-exponent-beyond-int", "a negative exponent beyond Int32", "1E-99999999999999999999",
            "number's magnitude 1E-1000000 is outside DynamoDB's range 1E-130 to 9.99E+125");
        Stream("ns-element-invalid", Category, "a number set with a word", Decode("dynamodb.NewImage.lots[1]: number has no digits"),
            d => d.NewImage["lots"] = Value("NS", new JsonArray("1", "two")));
        Stream("ns-element-json-number", Category, "a number set with a JSON number",
            Decode("dynamodb.NewImage.lots[0]: N value must be a JSON string of digits, found a number"),
            d => d.NewImage["lots"] = new JsonObject { ["NS"] = d.Raw("[1, 2]") });
        Stream("ns-element-null", Category, "a number set with null", Decode("dynamodb.NewImage.lots[1]: N value must be a JSON string of digits, found null"),
            d => d.NewImage["lots"] = Value("NS", new JsonArray("1", null)));
        Stream("ns-element-out-of-range", Category, "a number set with 1E+200",
            Decode("dynamodb.NewImage.lots[0]: number's magnitude 1E200 is outside DynamoDB's range 1E-130 to 9.99E+125"),
            d => d.NewImage["lots"] = Value("NS", new JsonArray("1E+200")));
        Stream("ns-empty", Category, "an empty number set", Decode("dynamodb.NewImage.lots: set is empty"), d => d.NewImage["lots"] = Value("NS", new JsonArray()));
        Stream("ns-not-array", Category, "a number set given as a string", Decode("dynamodb.NewImage.lots: set must be a JSON array, found a string"),
            d => d.NewImage["lots"] = Value("NS", "1,2"));
        Stream("ns-same-number-twice", Category, "a number set holding 1 and 1.0, one number to DynamoDB",
            Decode("dynamodb.NewImage.lots[1]: set holds an element twice"), d => d.NewImage["lots"] = Value("NS", new JsonArray("1", "1.0")));
        Stream("n-nested-invalid", Category, "an invalid price inside an order line",
            Decode("dynamodb.NewImage.items[0].price: number has an unexpected character at position 2"),
            d => d.NewImage["items"]!["L"]![0]!["M"]!["price"] = Value("N", "12€50"));
        Odd("n-38-digits", "38 significant digits, the most DynamoDB holds", new string('9', 38));
        Odd("n-1e38-as-39-digits", "1 and 38 zeros: 39 digits but one significant", "1" + new string('0', 38));
        Odd("n-smallest-magnitude", "1E-130, the smallest magnitude", "1E-130");
        Odd("n-largest-magnitude", "the largest magnitude, 9.99…E+125 with 38 digits", "9." + new string('9', 37) + "E+125");
        Odd("n-negative-zero", "-0", "-0");
        Odd("n-plus-sign-and-leading-zeros", "+007, not DynamoDB's spelling but the number 7", "+007");
        Odd("n-zero-with-huge-exponent", "0E+999999, zero all the same", "0E+999999");
        Odd("n-many-leading-zeros", "1 after 200 zeros: one significant digit", new string('0', 200) + "1");
    }

    private void BinariesAndSets()
    {
        const string Binary = "binary";
        void BadB(string name, string description, JsonNode? value, string reason) =>
            Stream(name, Binary, description, Decode("dynamodb.NewImage.blob: " + reason), d => d.NewImage["blob"] = Value("B", value));
        BadB("b-not-base64", "B with characters outside base64", "not base64!", "B value is not valid base64");
        BadB("b-wrong-length", "B of three base64 characters", "QUJ", "B value is not valid base64");
        BadB("b-bad-padding", "B with misplaced padding", "QU=JD", "B value is not valid base64");
        BadB("b-url-alphabet", "B in the URL-safe alphabet", "-_-_", "B value is not valid base64");
        Stream("b-unpaired-surrogate-escape", Binary, "B with an unpaired surrogate escape (found by fuzzing kinesis.data)",
            Decode("dynamodb.NewImage.blob: B value is not valid base64"), d => d.NewImage["blob"] = new JsonObject { ["B"] = d.Raw("\"QQ\\ud800==\"") });
        BadB("b-number", "B as a number", 12, "B value must be a base64 JSON string, found a number");
        BadB("b-array", "B as an array of bytes", new JsonArray(1, 2), "B value must be a base64 JSON string, found an array");
        Stream("bs-element-invalid", Binary, "a binary set with invalid base64", Decode("dynamodb.NewImage.blobs[1]: B value is not valid base64"),
            d => d.NewImage["blobs"] = Value("BS", new JsonArray("AQ==", "%%")));
        Stream("bs-empty", Binary, "an empty binary set", Decode("dynamodb.NewImage.blobs: set is empty"), d => d.NewImage["blobs"] = Value("BS", new JsonArray()));
        Stream("bs-not-array", Binary, "a binary set given as a string", Decode("dynamodb.NewImage.blobs: set must be a JSON array, found a string"),
            d => d.NewImage["blobs"] = Value("BS", "AQ=="));
        Stream("bs-element-number", Binary, "a binary set with a number",
            Decode("dynamodb.NewImage.blobs[0]: B value must be a base64 JSON string, found a number"),
            d => d.NewImage["blobs"] = Value("BS", new JsonArray(1)));
        Stream("bs-same-bytes-twice", Binary, "a binary set holding the same bytes twice", Decode("dynamodb.NewImage.blobs[1]: set holds an element twice"),
            d => d.NewImage["blobs"] = Value("BS", new JsonArray("AQ==", "AQ==")));

        const string Sets = "sets";
        Stream("ss-empty", Sets, "an empty string set", Decode("dynamodb.NewImage.tags: set is empty"), d => d.NewImage["tags"] = Value("SS", new JsonArray()));
        Stream("ss-null", Sets, "a string set that is null", Decode("dynamodb.NewImage.tags: set must be a JSON array, found null"),
            d => d.NewImage["tags"] = Value("SS", null));
        Stream("ss-not-array", Sets, "a string set given as a string", Decode("dynamodb.NewImage.tags: set must be a JSON array, found a string"),
            d => d.NewImage["tags"] = Value("SS", "gift"));
        Stream("ss-element-number", Sets, "a string set with a number", Decode("dynamodb.NewImage.tags[1]: SS value must be a JSON string, found a number"),
            d => d.NewImage["tags"] = Value("SS", new JsonArray("gift", 2)));
        Stream("ss-element-null", Sets, "a string set with null", Decode("dynamodb.NewImage.tags[0]: SS value must be a JSON string, found null"),
            d => d.NewImage["tags"] = Value("SS", new JsonArray(null, "gift")));
        Stream("ss-same-string-twice", Sets, "a string set holding a string twice", Decode("dynamodb.NewImage.tags[2]: set holds an element twice"),
            d => d.NewImage["tags"] = Value("SS", new JsonArray("gift", "rush", "gift")));
    }

    private void Nesting()
    {
        const string Category = "nesting";
        Stream("m-is-an-array", Category, "M given as an array", Decode("dynamodb.NewImage.meta: expected an object of attributes, found an array"),
            d => d.NewImage["meta"] = Value("M", new JsonArray()));
        Stream("m-is-a-string", Category, "M given as a string", Decode("dynamodb.NewImage.meta: expected an object of attributes, found a string"),
            d => d.NewImage["meta"] = Value("M", "{}"));
        Stream("m-element-bare", Category, "an M element that is a bare string",
            Decode("dynamodb.NewImage.meta.a: expected an attribute value object, found a string"),
            d => d.NewImage["meta"] = Value("M", new JsonObject { ["a"] = "x" }));
        Stream("l-is-an-object", Category, "L given as an object", Decode("dynamodb.NewImage.items: L value must be a JSON array, found an object"),
            d => d.NewImage["items"] = Value("L", new JsonObject()));
        Stream("l-element-bare", Category, "an L element that is a bare number",
            Decode("dynamodb.NewImage.items[1]: expected an attribute value object, found a number"),
            d => d.NewImage["items"]!["L"]!.AsArray().Add(7));
        Stream("m-nested-33", Category, "maps nested 33 deep, one beyond DynamoDB's limit",
            Decode("value is nested deeper than DynamoDB's 32 levels"), d => d.NewImage["meta"] = d.Raw(NestedMaps(33)));
        Stream("l-nested-33", Category, "lists nested 33 deep", Decode("value is nested deeper than DynamoDB's 32 levels"),
            d => d.NewImage["meta"] = d.Raw(NestedLists(33)));
        Stream("mixed-nested-40", Category, "maps and lists alternating 40 deep", Decode("value is nested deeper than DynamoDB's 32 levels"),
            d => d.NewImage["meta"] = d.Raw(NestedMixed(40)));
        Stream("m-nested-5000", Category, "maps nested 5000 deep, which used to fail the whole batch as invalid JSON",
            Decode("value is nested deeper than DynamoDB's 32 levels"), d => d.NewImage["meta"] = d.Raw(NestedMaps(5000)));
        Stream("m-nested-32", Category, "maps nested 32 deep, DynamoDB's limit", Published(), d => d.NewImage["meta"] = d.Raw(NestedMaps(32)));
        Stream("unread-field-nested-10000", Category, "a field the decoder does not read, nested 10000 deep: skipped", Published(),
            d => d.Root["future"] = d.Raw(new string('[', 10000) + new string(']', 10000)));
    }

    private static string NestedMaps(int levels) => Nested(levels, """{"M": {"a": """, "}}");

    private static string NestedLists(int levels) => Nested(levels, """{"L": [""", "]}");

    private static string NestedMixed(int levels)
    {
        var json = new StringBuilder();
        for (var i = 0; i < levels; i++)
        {
            json.Append(i % 2 == 0 ? """{"M": {"a": """ : """{"L": [""");
        }

        json.Append("""{"NULL": true}""");
        for (var i = levels - 1; i >= 0; i--)
        {
            json.Append(i % 2 == 0 ? "}}" : "]}");
        }

        return json.ToString();
    }

    private static string Nested(int levels, string open, string close)
    {
        var json = new StringBuilder();
        for (var i = 0; i < levels; i++)
        {
            json.Append(open);
        }

        json.Append("""{"NULL": true}""");
        for (var i = 0; i < levels; i++)
        {
            json.Append(close);
        }

        return json.ToString();
    }
}
