using System.Text.Json.Nodes;

namespace Bus.StreamBridge.Tests.BadInput;

internal sealed partial class CorpusGenerator
{
    private void ImagesAndKeys()
    {
        const string Images = "images";
        Stream("modify-without-old-image", Images, "a MODIFY of a NEW_AND_OLD_IMAGES stream without its old image",
            Decode("dynamodb.OldImage is missing from a MODIFY record of a NEW_AND_OLD_IMAGES stream"), d => d.Dynamodb.Remove("OldImage"));
        Stream("modify-without-new-image", Images, "a MODIFY of a NEW_AND_OLD_IMAGES stream without its new image",
            Decode("dynamodb.NewImage is missing from a MODIFY record of a NEW_AND_OLD_IMAGES stream"), d => d.Dynamodb.Remove("NewImage"));
        Stream("insert-without-new-image", Images, "an INSERT without its new image",
            Decode("dynamodb.NewImage is missing from a INSERT record of a NEW_AND_OLD_IMAGES stream"), d => d.Dynamodb.Remove("NewImage"),
            eventName: "INSERT");
        Stream("remove-without-old-image", Images, "a REMOVE without its old image",
            Decode("dynamodb.OldImage is missing from a REMOVE record of a NEW_AND_OLD_IMAGES stream"), d => d.Dynamodb.Remove("OldImage"),
            eventName: "REMOVE");
        Stream("insert-with-old-image", Images, "an INSERT that carries an old image",
            Decode("dynamodb.OldImage cannot be on a INSERT record of a NEW_AND_OLD_IMAGES stream"),
            d => d.Dynamodb["OldImage"] = CorpusBases.Order("PLACED", "0"), eventName: "INSERT");
        Stream("remove-with-new-image", Images, "a REMOVE that carries a new image",
            Decode("dynamodb.NewImage cannot be on a REMOVE record of a NEW_AND_OLD_IMAGES stream"),
            d => d.Dynamodb["NewImage"] = CorpusBases.Order("GONE", "4"), eventName: "REMOVE");
        Stream("keys-only-with-images", Images, "a KEYS_ONLY record that carries images",
            Decode("dynamodb.NewImage cannot be on a MODIFY record of a KEYS_ONLY stream"), d => d.Dynamodb["StreamViewType"] = "KEYS_ONLY");
        Stream("new-image-stream-with-old-image", Images, "a NEW_IMAGE record that carries an old image",
            Decode("dynamodb.OldImage cannot be on a MODIFY record of a NEW_IMAGE stream"), d => d.Dynamodb["StreamViewType"] = "NEW_IMAGE");
        Stream("keys-only-modify-of-orders", Images, "a KEYS_ONLY MODIFY: Orders needs both images to diff",
            Translate("translator Orders needs stream view type NEW_AND_OLD_IMAGES for MODIFY records; this record's stream is KEYS_ONLY"),
            d =>
            {
                d.Dynamodb["StreamViewType"] = "KEYS_ONLY";
                d.Dynamodb.Remove("NewImage");
                d.Dynamodb.Remove("OldImage");
            });
        Stream("new-image-modify-of-customers", Images, "a NEW_IMAGE MODIFY: Customers needs the old image to diff",
            Translate("translator Customers needs stream view type NEW_AND_OLD_IMAGES for MODIFY records; this record's stream is NEW_IMAGE"),
            d =>
            {
                d.Dynamodb["StreamViewType"] = "NEW_IMAGE";
                d.Dynamodb.Remove("OldImage");
            }, table: "Customers");
        Stream("old-image-insert-of-inventory", Images, "an OLD_IMAGE INSERT: Inventory needs the new image",
            Translate("translator Inventory needs stream view type NEW_IMAGE or NEW_AND_OLD_IMAGES for INSERT records; this record's stream is OLD_IMAGE"),
            d =>
            {
                d.Dynamodb["StreamViewType"] = "OLD_IMAGE";
                d.Dynamodb.Remove("NewImage");
            }, table: "Inventory", eventName: "INSERT");
        Stream("keys-only-remove-of-customers", Images, "a KEYS_ONLY REMOVE: all Customers needs for a deletion", Published(),
            d =>
            {
                d.Dynamodb["StreamViewType"] = "KEYS_ONLY";
                d.Dynamodb.Remove("OldImage");
            }, table: "Customers", eventName: "REMOVE");
        Stream("new-image-array", Images, "NewImage is an array", Decode("dynamodb.NewImage: expected an object of attributes, found an array"),
            d => d.Dynamodb["NewImage"] = new JsonArray());
        Stream("new-image-string", Images, "NewImage is a string", Decode("dynamodb.NewImage: expected an object of attributes, found a string"),
            d => d.Dynamodb["NewImage"] = "{}");
        Stream("new-image-null", Images, "NewImage is null", Decode("dynamodb.NewImage: expected an object of attributes, found null"),
            d => d.Dynamodb["NewImage"] = null);
        Stream("old-image-number", Images, "OldImage is a number", Decode("dynamodb.OldImage: expected an object of attributes, found a number"),
            d => d.Dynamodb["OldImage"] = 1);
        Stream("new-image-of-another-item", Images, "the new image is of another order than the keys",
            Decode("dynamodb.NewImage.orderId: differs from dynamodb.Keys"), d => d.NewImage["orderId"] = Value("S", "O-9999"));
        Stream("new-image-without-key", Images, "the new image lacks the key attribute",
            Decode("dynamodb.NewImage.orderId: key attribute is missing"), d => d.NewImage.Remove("orderId"));
        Stream("old-image-key-of-another-type", Images, "the old image has the key as a number",
            Decode("dynamodb.OldImage.orderId: differs from dynamodb.Keys"), d => d.OldImage["orderId"] = Value("N", "5001"));

        const string Keys = "keys";
        var noKeys = Decode("dynamodb.Keys is missing or empty");
        Stream("keys-missing", Keys, "no Keys", noKeys, d => d.Dynamodb.Remove("Keys"));
        Stream("keys-empty", Keys, "Keys is empty", noKeys, d => d.Dynamodb["Keys"] = new JsonObject());
        Stream("keys-null", Keys, "Keys is null", Decode("dynamodb.Keys: expected an object of attributes, found null"), d => d.Dynamodb["Keys"] = null);
        Stream("keys-array", Keys, "Keys is an array", Decode("dynamodb.Keys: expected an object of attributes, found an array"),
            d => d.Dynamodb["Keys"] = new JsonArray());
        Stream("key-unknown-type", Keys, "a key of an unknown attribute type", Decode("dynamodb.Keys.orderId: unknown attribute type 'X'"),
            d => d.Dynamodb["Keys"] = new JsonObject { ["orderId"] = Value("X", "O-5001") });
        foreach (var (type, value) in new (string, JsonNode?)[]
        {
            ("M", new JsonObject { ["id"] = Value("S", "O-5001") }),
            ("L", new JsonArray(Value("S", "O-5001"))),
            ("BOOL", true),
            ("NULL", true),
            ("SS", new JsonArray("O-5001")),
        })
        {
            Stream($"key-of-type-{type.ToLowerInvariant()}", Keys, $"a key attribute of type {type} (keys are S, N or B), in the images too",
                Decode($"key attribute has type {type}; DynamoDB keys are S, N or B"), d =>
                {
                    d.Dynamodb["Keys"] = new JsonObject { ["orderId"] = Value(type, value) };
                    d.NewImage["orderId"] = Value(type, value?.DeepClone());
                    d.OldImage["orderId"] = Value(type, value?.DeepClone());
                });
        }
    }

    private void RepeatedNames()
    {
        const string Category = "repeated-names";
        void Twice(string name, string field, string find, string replacement) =>
            Stream(name, Category, $"{field} appears twice", Decode($"{field} appears twice"), d => d.ReplaceText(find, replacement));

        Twice("twice-event-id", "eventID", "\"eventID\": \"bad-twice-event-id\"", "\"eventID\": \"bad-twice-event-id\",\n  \"eventID\": \"bad-twice-event-id\"");
        Twice("twice-event-name", "eventName", "\"eventName\": \"MODIFY\"", "\"eventName\": \"MODIFY\",\n  \"eventName\": \"REMOVE\"");
        Twice("twice-arn", "eventSourceARN", "\"eventSourceARN\": ", $"\"eventSourceARN\": \"{CorpusBases.Arn("Customers")}\",\n  \"eventSourceARN\": ");
        Twice("twice-dynamodb", "dynamodb", "\"dynamodb\": {", "\"dynamodb\": {},\n  \"dynamodb\": {");
        Twice("twice-keys", "dynamodb.Keys", "\"Keys\": {", "\"Keys\": {\"orderId\": {\"S\": \"O-5002\"}},\n    \"Keys\": {");
        Twice("twice-new-image", "dynamodb.NewImage", "\"NewImage\": {", "\"NewImage\": {\"orderId\": {\"S\": \"O-5001\"}},\n    \"NewImage\": {");
        Twice("twice-old-image", "dynamodb.OldImage", "\"OldImage\": {", "\"OldImage\": {\"orderId\": {\"S\": \"O-5001\"}},\n    \"OldImage\": {");
        Twice("twice-sequence-number", "dynamodb.SequenceNumber", "\"SequenceNumber\": ",
            $"\"SequenceNumber\": \"{CorpusBases.StreamSequence}\",\n    \"SequenceNumber\": ");
        Twice("twice-view-type", "dynamodb.StreamViewType", "\"StreamViewType\": ", "\"StreamViewType\": \"KEYS_ONLY\",\n    \"StreamViewType\": ");
        Twice("twice-creation-time", "dynamodb.ApproximateCreationDateTime", "\"ApproximateCreationDateTime\": ",
            "\"ApproximateCreationDateTime\": 1,\n    \"ApproximateCreationDateTime\": ");
        Stream("twice-attribute", Category, "an attribute appears twice in an image", Decode("dynamodb.NewImage.status: attribute appears twice"),
            d => d.ReplaceText("\"NewImage\": {", "\"NewImage\": {\n      \"status\": {\"S\": \"SHIPPED\"},"));
        Stream("twice-type-tag", Category, "an attribute value names its type twice",
            Decode("dynamodb.NewImage.status: attribute value has more than one type"),
            d => d.NewImage["status"] = d.Raw("""{"S": "PACKED", "S": "SHIPPED"}"""));
        Stream("two-type-tags", Category, "an attribute value with two types",
            Decode("dynamodb.NewImage.status: attribute value has more than one type"),
            d => d.NewImage["status"] = new JsonObject { ["S"] = "PACKED", ["N"] = "1" });
        Stream("twice-unread-field", Category, "a field the decoder does not read appears twice: harmless", Published(),
            d => d.ReplaceText("\"eventVersion\": \"1.1\"", "\"eventVersion\": \"1.1\",\n  \"eventVersion\": \"1.0\""));
    }
}
