using System.Text.Json.Nodes;

namespace Bus.StreamBridge.Tests.BadInput;

internal sealed partial class CorpusGenerator
{
    private const string NotUnicode = "is not valid Unicode (invalid UTF-8 or an unpaired surrogate escape)";

    private void Unicode()
    {
        const string Category = "unicode";
        foreach (var (name, bytes, description) in new (string, byte[], string)[]
        {
            ("c3-28", [0xC3, 0x28], "a two-byte sequence cut by an ASCII byte"),
            ("ff", [0xFF], "the byte 0xFF, never in UTF-8"),
            ("fe", [0xFE], "the byte 0xFE, never in UTF-8"),
            ("overlong-slash", [0xC0, 0xAF], "an overlong encoding of '/'"),
            ("encoded-surrogate", [0xED, 0xA0, 0x80], "a UTF-16 surrogate encoded as UTF-8 (CESU-8)"),
            ("truncated-euro", [0xE2, 0x82], "the euro sign missing its last byte"),
            ("continuation-only", [0x80, 0x80], "continuation bytes with no lead byte"),
            ("beyond-unicode", [0xF4, 0x90, 0x80, 0x80], "a code point beyond U+10FFFF"),
            ("latin-1", [0xE9], "é in Latin-1, as a misconfigured producer writes it"),
        })
        {
            Stream($"utf8-{name}-in-s", Category, $"an S value holding {description}", Decode($"dynamodb.NewImage.status: S value {NotUnicode}"),
                d => d.NewImage["status"] = Value("S", d.StringWithBytes("PACK", bytes, "ED")));
        }

        Stream("utf8-in-attribute-name", Category, "an attribute name that is not UTF-8", Decode($"dynamodb.NewImage: an attribute name {NotUnicode}"),
            d => d.ReplaceText("\"NewImage\": {", $"\"NewImage\": {{\n      \"{d.Token([.. Utf8("\"st"), 0xC3, 0x28, .. Utf8("atus\"")])}\": {{\"S\": \"x\"}},"));
        Stream("utf8-in-nested-attribute-name", Category, "a nested attribute name that is not UTF-8",
            Decode($"dynamodb.NewImage.items[0]: an attribute name {NotUnicode}"),
            d => d.ReplaceText("\"sku\"", $"\"{d.Token([.. Utf8("\"s"), 0xFF, .. Utf8("ku\"")])}\""));
        Stream("utf8-in-event-id", Category, "an eventID that is not UTF-8", Decode($"eventID {NotUnicode}").Anonymous,
            d => d.Root["eventID"] = d.StringWithBytes("bad-", [0xC3, 0x28]));
        Stream("utf8-in-event-name", Category, "an eventName that is not UTF-8", Decode($"eventName {NotUnicode}"),
            d => d.Root["eventName"] = d.StringWithBytes("MODIF", [0xD9]));
        Stream("utf8-in-arn", Category, "a stream ARN that is not UTF-8", Decode($"eventSourceARN {NotUnicode}"),
            d => d.Root["eventSourceARN"] = d.StringWithBytes("arn:aws:dynamodb:eu-west-1:123456789012:table/Ord", [0xFF], "ers/stream/x"));
        Stream("utf8-in-ss", Category, "a string set element that is not UTF-8", Decode($"dynamodb.NewImage.tags[1]: SS value {NotUnicode}"),
            d => d.NewImage["tags"] = new JsonObject { ["SS"] = new JsonArray("gift", d.StringWithBytes("ru", [0xC0, 0x80], "sh")) });
        Stream("utf8-in-n", Category, "number text that is not UTF-8", Decode($"dynamodb.NewImage.total: N value {NotUnicode}"),
            d => d.NewImage["total"] = new JsonObject { ["N"] = d.StringWithBytes("49", [0xB7], "99") });
        Stream("utf8-in-key", Category, "a key value that is not UTF-8", Decode($"dynamodb.Keys.orderId: S value {NotUnicode}"),
            d => d.Dynamodb["Keys"] = new JsonObject { ["orderId"] = new JsonObject { ["S"] = d.StringWithBytes("O-50", [0xF0, 0x9F], "01") } });
        Stream("lone-high-surrogate-escape", Category, "an S value escaping a high surrogate with no low one",
            Decode($"dynamodb.NewImage.status: S value {NotUnicode}"), d => d.NewImage["status"] = d.Raw("""{"S": "PACK\ud83dED"}"""));
        Stream("lone-low-surrogate-escape", Category, "an S value escaping a low surrogate alone",
            Decode($"dynamodb.NewImage.status: S value {NotUnicode}"), d => d.NewImage["status"] = d.Raw("""{"S": "\udc00PACKED"}"""));
        Stream("reversed-surrogate-escapes", Category, "a surrogate pair escaped low first",
            Decode($"dynamodb.NewImage.status: S value {NotUnicode}"), d => d.NewImage["status"] = d.Raw("""{"S": "\ude00\ud83d"}"""));
        Stream("utf8-in-unread-field", Category, "bytes that are not UTF-8 in a field the decoder does not read", Published(),
            d => d.Root["eventVersion"] = d.StringWithBytes("1.", [0xFF]));
        // Found by fuzzing: comparing an escaped name or value holding an unpaired surrogate with a known one threw
        // InvalidOperationException, which failed the whole batch.
        Stream("lone-surrogate-escape-in-field-name", Category, "a field the decoder does not read, named by an unpaired surrogate escape",
            Published(), d => d.ReplaceText("\"eventVersion\"", "\"event\\ud800Version\""));
        Stream("lone-surrogate-escape-in-bad-record", Category,
            "a record whose eventID is a number, then a field named by unpaired surrogate escapes (read when naming the record)",
            Decode("eventID must be a string, found a number").Anonymous, d =>
            {
                d.Root["eventID"] = 42;
                d.ReplaceText("\"eventVersion\"", "\"\\udc00\\udc00\\udc00\"");
            });
        Stream("lone-surrogate-escape-in-old-value", Category, "an old image's S value that is an unpaired surrogate escape where the new image has text",
            Decode($"dynamodb.OldImage.status: S value {NotUnicode}"), d => d.OldImage["status"] = d.Raw("""{"S": "\ud800"}"""));
        // Found by fuzzing: reasons carried attribute names verbatim, so one name could forge log lines or bloat every
        // report of its record (names may hold any Unicode and run to 64 KB).
        Stream("line-break-in-attribute-name-of-bad-value", Category, "a bad value under an attribute named with a line break",
            Decode("dynamodb.NewImage.note\\u000Afail: forged: expected an attribute value object, found a number"),
            d => d.NewImage["note\nfail: forged"] = 1);
        Stream("long-attribute-name-of-bad-value", Category, "a bad value under an attribute with a 60,000-character name",
            Decode($"dynamodb.NewImage.{new string('n', 64)}…(60000 characters): expected an attribute value object, found a number"),
            d => d.NewImage[new string('n', 60_000)] = 1);
        Stream("unicode-valid", Category, "emoji, CJK, combining marks, a BOM and escaped surrogate pairs: all valid", Published(),
            d => d.NewImage["note"] = d.Raw("""{"S": "Zoë 🚀 日本語 e\u0301 \uFEFF \ud83d\ude80 \u0000"}"""));
    }

    private void Sizes()
    {
        const string Category = "size";
        Stream("item-410-kb-string", Category, "an item holding a 410 KB string, beyond DynamoDB's 400 KB item limit",
            Decode("dynamodb.NewImage is 419963 bytes by DynamoDB's size rules; an item holds at most 409600"),
            d => d.NewImage["note"] = Value("S", new string('x', 410 * 1024)));
        Stream("item-3000-attributes", Category, "3000 attributes of 140 bytes: 420 KB in all",
            Decode("dynamodb.OldImage is 420117 bytes by DynamoDB's size rules; an item holds at most 409600"), d =>
            {
                for (var i = 0; i < 3000; i++)
                {
                    d.OldImage[$"a{i:D4}"] = Value("S", new string('o', 135));
                }
            });
        Stream("item-420-kb-binary", Category, "an item holding 420 KB of binary",
            Decode("dynamodb.NewImage is 430203 bytes by DynamoDB's size rules; an item holds at most 409600"),
            d => d.NewImage["blob"] = Value("B", Convert.ToBase64String(new byte[420 * 1024])));
        Stream("item-300-kb-binary", Category, "300 KB of binary: 400 KB of JSON, but an item DynamoDB holds", Published(),
            d => d.NewImage["blob"] = Value("B", Convert.ToBase64String(new byte[300 * 1024])));
    }

    private void Schemas()
    {
        const string Orders = "schema-orders";
        Stream("orders-total-string", Orders, "Orders.total as S", Translate("attribute 'total' is S; the table's schema has N"),
            d => d.NewImage["total"] = Value("S", "49.99"), eventName: "INSERT");
        Stream("orders-total-boolean", Orders, "Orders.total as BOOL", Translate("attribute 'total' is BOOL; the table's schema has N"),
            d => d.NewImage["total"] = Value("BOOL", true), eventName: "INSERT");
        Stream("orders-total-missing", Orders, "an order placed without a total", Translate("required attribute 'total' is missing"),
            d => d.NewImage.Remove("total"), eventName: "INSERT");
        Stream("orders-total-29-digits", Orders, "a total DynamoDB holds but System.Decimal does not",
            Translate("attribute 'total' needs more than the 28 digits of System.Decimal"),
            d => d.NewImage["total"] = Value("N", "1234567890123456789012345678.9"), eventName: "INSERT");
        Stream("orders-status-number", Orders, "Orders.status as N", Translate("attribute 'status' is N; the table's schema has S"),
            d => d.NewImage["status"] = Value("N", "3"));
        Stream("orders-status-missing", Orders, "an order without a status", Translate("required attribute 'status' is missing"),
            d => d.NewImage.Remove("status"));
        Stream("orders-old-status-number", Orders, "the old image's status as N", Translate("attribute 'status' is N; the table's schema has S"),
            d => d.OldImage["status"] = Value("N", "2"));
        Stream("orders-customer-missing", Orders, "an order without a customer", Translate("required attribute 'customerId' is missing"),
            d => d.NewImage.Remove("customerId"));
        Stream("orders-customer-number", Orders, "Orders.customerId as N", Translate("attribute 'customerId' is N; the table's schema has S"),
            d => d.NewImage["customerId"] = Value("N", "1001"));
        Stream("orders-order-id-number", Orders, "Orders.orderId as N in keys and images", Translate("attribute 'orderId' is N; the table's schema has S"), d =>
        {
            d.Dynamodb["Keys"] = new JsonObject { ["orderId"] = Value("N", "5001") };
            d.NewImage["orderId"] = Value("N", "5001");
            d.OldImage["orderId"] = Value("N", "5001");
        });
        Stream("orders-order-number-boolean", Orders, "Orders.orderNumber as BOOL", Translate("attribute 'orderNumber' is BOOL; the table's schema has S"),
            d => d.NewImage["orderNumber"] = Value("BOOL", false));
        Stream("orders-items-map", Orders, "Orders.items as M", Translate("attribute 'items' is M; the table's schema has L"),
            d => d.NewImage["items"] = Value("M", new JsonObject()), eventName: "INSERT");
        Stream("orders-line-string", Orders, "an order line that is S", Translate("items[0] is S; the Orders schema has M"),
            d => d.NewImage["items"] = Value("L", new JsonArray(Value("S", "SKU-RED-MUG"))), eventName: "INSERT");
        Stream("orders-line-qty-string", Orders, "an order line's qty as S", Translate("items[0]: attribute 'qty' is S; the table's schema has N"),
            d => d.NewImage["items"]!["L"]![0]!["M"]!["qty"] = Value("S", "2"), eventName: "INSERT");
        Stream("orders-line-qty-fraction", Orders, "an order line's qty of 1.5",
            Translate("items[0]: attribute 'qty' is not an integer within the range of Int64"),
            d => d.NewImage["items"]!["L"]![0]!["M"]!["qty"] = Value("N", "1.5"), eventName: "INSERT");
        Stream("orders-line-qty-beyond-int32", Orders, "an order line's qty of ten billion", Translate("items[0].qty is outside the range of Int32"),
            d => d.NewImage["items"]!["L"]![0]!["M"]!["qty"] = Value("N", "10000000000"), eventName: "INSERT");
        Stream("orders-line-price-missing", Orders, "an order line without a price", Translate("items[0]: required attribute 'price' is missing"),
            d => d.NewImage["items"]!["L"]![0]!["M"]!.AsObject().Remove("price"), eventName: "INSERT");
        Stream("orders-line-sku-missing", Orders, "an order line without a SKU", Translate("items[0]: required attribute 'sku' is missing"),
            d => d.NewImage["items"]!["L"]![0]!["M"]!.AsObject().Remove("sku"), eventName: "INSERT");
        Stream("orders-delivery-date-invalid", Orders, "a shipped order whose estimated delivery is not a date",
            Translate("attribute 'estimatedDelivery' is not an ISO 8601 date (yyyy-MM-dd)"), d =>
            {
                d.NewImage["status"] = Value("S", "SHIPPED");
                d.NewImage["estimatedDelivery"] = Value("S", "2026-13-45");
            });
        Stream("orders-delivery-date-number", Orders, "a shipped order whose estimated delivery is N",
            Translate("attribute 'estimatedDelivery' is N; the table's schema has S"), d =>
            {
                d.NewImage["status"] = Value("S", "SHIPPED");
                d.NewImage["estimatedDelivery"] = Value("N", "20261202");
            });
        Stream("orders-tracking-number-number", Orders, "a shipped order whose tracking number is N",
            Translate("attribute 'trackingNumber' is N; the table's schema has S"), d =>
            {
                d.NewImage["status"] = Value("S", "SHIPPED");
                d.NewImage["trackingNumber"] = Value("N", "1999");
            });

        const string Version = "version";
        Stream("version-missing", Version, "an item with no version: published, consumers order by sequence number", Published(),
            d => d.NewImage.Remove("version"), eventName: "INSERT");
        Stream("version-null", Version, "an item whose version is NULL: no version", Published(),
            d => d.NewImage["version"] = Value("NULL", true), eventName: "INSERT");
        Stream("version-string", Version, "version as S", Translate("attribute 'version' is S; the table's schema has N"),
            d => d.NewImage["version"] = Value("S", "1"), eventName: "INSERT");
        Stream("version-number-set", Version, "version as NS", Translate("attribute 'version' is NS; the table's schema has N"),
            d => d.NewImage["version"] = Value("NS", new JsonArray("1")), eventName: "INSERT");
        Stream("version-fraction", Version, "version 1.5", Translate("attribute 'version' is not an integer within the range of Int64"),
            d => d.NewImage["version"] = Value("N", "1.5"), eventName: "INSERT");
        Stream("version-beyond-int64", Version, "version 1E+20", Translate("attribute 'version' is not an integer within the range of Int64"),
            d => d.NewImage["version"] = Value("N", "1E+20"), eventName: "INSERT");
        Stream("version-of-removed-item-string", Version, "a REMOVE whose old image has version as S",
            Translate("attribute 'version' is S; the table's schema has N"), d => d.OldImage["version"] = Value("S", "2"), eventName: "REMOVE");

        const string Customers = "schema-customers";
        void Customer(string name, string description, string reason, Action<CorpusDraft> edit, string eventName = "INSERT") =>
            Stream(name, Customers, description, Translate(reason), edit, table: "Customers", eventName: eventName);
        Customer("customers-address-list", "Customers.address as L", "attribute 'address' is L; the table's schema has M",
            d => d.NewImage["address"] = Value("L", new JsonArray(Value("S", "1 Canal Street"))));
        Customer("customers-address-string", "Customers.address as S", "attribute 'address' is S; the table's schema has M",
            d => d.NewImage["address"] = Value("S", "1 Canal Street, Amsterdam"));
        Customer("customers-city-number", "Customers.address.city as N", "attribute 'city' is N; the table's schema has S",
            d => d.NewImage["address"]!["M"]!["city"] = Value("N", "1012"));
        Customer("customers-email-number", "Customers.email as N", "attribute 'email' is N; the table's schema has S",
            d => d.NewImage["email"] = Value("N", "42"));
        Customer("customers-email-string-set", "Customers.email as SS", "attribute 'email' is SS; the table's schema has S",
            d => d.NewImage["email"] = Value("SS", new JsonArray("a@example.com", "b@example.com")));
        Customer("customers-phone-boolean", "Customers.phone as BOOL", "attribute 'phone' is BOOL; the table's schema has S",
            d => d.NewImage["phone"] = Value("BOOL", true));
        Customer("customers-opt-in-string", "Customers.marketingOptIn as S", "attribute 'marketingOptIn' is S; the table's schema has BOOL",
            d => d.NewImage["marketingOptIn"] = Value("S", "yes"));
        Customer("customers-opt-in-number", "Customers.marketingOptIn as N", "attribute 'marketingOptIn' is N; the table's schema has BOOL",
            d => d.NewImage["marketingOptIn"] = Value("N", "1"));
        Customer("customers-name-map", "Customers.name as M", "attribute 'name' is M; the table's schema has S",
            d => d.NewImage["name"] = Value("M", new JsonObject { ["first"] = Value("S", "Ada") }));
        Customer("customers-id-number", "Customers.customerId as N in keys and image", "attribute 'customerId' is N; the table's schema has S", d =>
        {
            d.Dynamodb["Keys"] = new JsonObject { ["customerId"] = Value("N", "1001") };
            d.NewImage["customerId"] = Value("N", "1001");
        });
        Customer("customers-new-address-list", "a MODIFY that turns the address into L", "attribute 'address' is L; the table's schema has M",
            d => d.NewImage["address"] = Value("L", new JsonArray()), eventName: "MODIFY");
        Customer("customers-removed-id-number", "a REMOVE whose keys and old image hold customerId as N",
            "attribute 'customerId' is N; the table's schema has S", d =>
            {
                d.Dynamodb["Keys"] = new JsonObject { ["customerId"] = Value("N", "1001") };
                d.OldImage["customerId"] = Value("N", "1001");
            }, eventName: "REMOVE");

        const string Inventory = "schema-inventory";
        void Product(string name, string description, string reason, Action<CorpusDraft> edit, string eventName = "MODIFY") =>
            Stream(name, Inventory, description, Translate(reason), edit, table: "Inventory", eventName: eventName);
        Product("inventory-quantity-string", "Inventory.quantity as S", "attribute 'quantity' is S; the table's schema has N",
            d => d.NewImage["quantity"] = Value("S", "35"));
        Product("inventory-quantity-fraction", "Inventory.quantity 35.5", "attribute 'quantity' is not an integer within the range of Int64",
            d => d.NewImage["quantity"] = Value("N", "35.5"));
        Product("inventory-quantity-beyond-int64", "Inventory.quantity 1E+19", "attribute 'quantity' is not an integer within the range of Int64",
            d => d.NewImage["quantity"] = Value("N", "1E+19"));
        Product("inventory-threshold-string", "Inventory.reorderThreshold as S", "attribute 'reorderThreshold' is S; the table's schema has N",
            d => d.NewImage["reorderThreshold"] = Value("S", "10"));
        Product("inventory-threshold-too-large-to-double", "a threshold near Int64's limit, crossed: its suggestion used to wrap negative",
            "attribute 'reorderThreshold' is too large to suggest an order quantity from", d =>
            {
                d.OldImage["quantity"] = Value("N", "6000000000000000000");
                d.NewImage["quantity"] = Value("N", "0");
                d.NewImage["reorderThreshold"] = Value("N", "5000000000000000000");
            });
        Product("inventory-product-id-number", "Inventory.productId as N in keys and images", "attribute 'productId' is N; the table's schema has S", d =>
        {
            d.Dynamodb["Keys"] = new JsonObject { ["productId"] = Value("N", "300") };
            d.NewImage["productId"] = Value("N", "300");
            d.OldImage["productId"] = Value("N", "300");
        });
        Product("inventory-sku-number", "Inventory.sku as N", "attribute 'sku' is N; the table's schema has S", d => d.NewImage["sku"] = Value("N", "300"));
        Product("inventory-removed-product-id-number", "a REMOVE whose keys and old image hold productId as N",
            "attribute 'productId' is N; the table's schema has S", d =>
            {
                d.Dynamodb["Keys"] = new JsonObject { ["productId"] = Value("N", "300") };
                d.OldImage["productId"] = Value("N", "300");
            }, eventName: "REMOVE");
        Product("inventory-reorder-quantity-string", "a low-stock crossing whose reorderQuantity is S",
            "attribute 'reorderQuantity' is S; the table's schema has N", d =>
            {
                d.NewImage["quantity"] = Value("N", "5");
                d.NewImage["reorderQuantity"] = Value("S", "50");
            });
    }

    private void Duplicates()
    {
        const string Category = "duplicates";
        // Record 0 of the valid batch registers customer C-1001; record 6 moves order O-5001 from PLACED to PAID.
        Stream("event-id-of-another-change", Category, "an Orders change under the eventID of record 0 (a Customers registration)",
            Decode("eventID repeats record 0's with a different change").Named("44809eba37a5e7e9471d006a33a3dfea"),
            d => d.Root["eventID"] = "44809eba37a5e7e9471d006a33a3dfea");
        var copy = JsonNode.Parse(_streamSample)!["Records"]![6]!.DeepClone().AsObject();
        Stream("copy-of-record-6", Category, "an exact copy of record 6, as a duplicated delivery would be",
            new Expect(CorpusOutcomes.Duplicate).Named("1955f56d38f108f42ed9850f444f433e") with { Sequence = "4421584500000000017450446091" }, d =>
            {
                d.Root.Clear();
                foreach (var (name, value) in copy.ToList())
                {
                    copy.Remove(name);
                    d.Root[name] = value;
                }
            });
    }

    private void ForeignRecords()
    {
        const string Category = "foreign-records";
        var noEventId = Decode("eventID is missing").Anonymous.Unsequenced;
        StreamBytes("sqs-message", Category, "an SQS message, from an event source mapping pointed at the wrong function", noEventId, Utf8("""
            {"messageId": "059f36b4-87a3-44ab-83d2-661975830a7d", "receiptHandle": "AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a",
             "body": "{\"orderId\": \"O-5001\"}", "attributes": {"ApproximateReceiveCount": "1"}, "messageAttributes": {},
             "md5OfBody": "e4e68fb7bd0e697a0ae8f1bb342846b3", "eventSource": "aws:sqs",
             "eventSourceARN": "arn:aws:sqs:eu-west-1:123456789012:orders", "awsRegion": "eu-west-1"}
            """));
        StreamBytes("s3-notification", Category, "an S3 notification record", noEventId, Utf8("""
            {"eventVersion": "2.1", "eventSource": "aws:s3", "awsRegion": "eu-west-1", "eventTime": "2026-10-26T08:14:23.000Z",
             "eventName": "ObjectCreated:Put", "s3": {"bucket": {"name": "bus-exports"}, "object": {"key": "orders.json", "size": 1024}}}
            """));
        StreamBytes("sns-notification", Category, "an SNS notification record that happens to carry an eventID",
            Decode("eventName is missing").Unsequenced, Utf8("""
            {"EventVersion": "1.0", "EventSubscriptionArn": "arn:aws:sns:eu-west-1:123456789012:orders:1", "EventSource": "aws:sns",
             "Sns": {"MessageId": "95df01b4-ee98-5cb9-9903-4c221d41eb5e", "Message": "{}", "Type": "Notification"}, "eventID": "bad-sns-notification"}
            """));
    }
}
