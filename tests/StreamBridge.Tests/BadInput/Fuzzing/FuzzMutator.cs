using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bus.StreamBridge.Tests.BadInput.Fuzzing;

/// <summary>
/// Breaks inputs the way hostile or corrupted ones are broken. Byte mutations (flips, truncations, splices, invalid
/// UTF-8) reach the JSON reader; tree mutations keep the JSON valid and reach the decoder's rules (type tags swapped,
/// numbers at and beyond DynamoDB's limits, deep nesting, huge strings and names, repeated names, fields removed or
/// moved, the change inside Kinesis data broken and re-encoded). Deterministic for a given <see cref="Random"/>.
/// </summary>
internal sealed class FuzzMutator(Random random, IReadOnlyList<byte[]> seeds)
{
    /// <summary>Inputs stay below this, so one iteration's memory stays bounded (DynamoDB items are at most 400 KB).</summary>
    private const int MaxLength = 2 * 1024 * 1024;

    private static readonly string[] TypeTags = ["S", "N", "B", "SS", "NS", "BS", "M", "L", "NULL", "BOOL"];

    private static readonly string[] Numbers =
    [
        "0", "-0", "0.0", "1e-130", "1E-131", "-1e-130", "9.9999999999999999999999999999999999999E+125", "1E+126", "1e125",
        "99999999999999999999999999999999999999", "999999999999999999999999999999999999999",
        "12345678901234567890123456789012345678.5", "0.00000000000000000000000000000000000000000000000000000000001",
        "1e400", "1e-400", "1e2147483648", "1e-2147483649", ".5", "5.", "+1", "1e", "--1", "NaN", "Infinity", "0x10", "1_000",
        "\u0661\u0662", "9223372036854775807", "9223372036854775808", "-9223372036854775809", "2147483648",
        "79228162514264337593543950335", "79228162514264337593543950336", "000000000000000000000000000000000000000000001",
        "1.0000000000000000000000000000000000000000000000000", "1793000063", "1793000063123456", "-1",
    ];

    private static readonly string[] Strings =
    [
        "", "INSERT", "MODIFY", "REMOVE", "KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES", "MILLISECOND",
        "MICROSECOND", "application/json", "application/cbor", "aws:dynamodb", "aws:kinesis", "Service", "dynamodb.amazonaws.com",
        "Orders", "Customers", "Inventory", "Payments", "arn:aws:dynamodb:eu-west-1:123456789012:table/Customers/stream/x",
        "\n", "\u0000", "\u2028", "\u00e9", "\ud83d\ude00", "AAAA", "====", "=", "null", "O-5001", "C-1001", "P-300",
    ];

    private static readonly byte[][] Splinters =
    [
        [0xFF], [0xC0, 0xAF], [0xC3, 0x28], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0x00], [0x7F],
        "\\u0000"u8.ToArray(), "\\ud800"u8.ToArray(), "\\udc00\\ud800"u8.ToArray(), "\""u8.ToArray(), "\\"u8.ToArray(),
        "{"u8.ToArray(), "}"u8.ToArray(), "["u8.ToArray(), "]"u8.ToArray(), ","u8.ToArray(), ":"u8.ToArray(),
        "null"u8.ToArray(), "1e400"u8.ToArray(), "{\"S\": \"x\"}"u8.ToArray(), "{\"NULL\": true}"u8.ToArray(),
    ];

    /// <summary>One to three mutations of <paramref name="input"/>, of either kind.</summary>
    public byte[] Mutate(byte[] input)
    {
        var output = input;
        // Mostly one mutation: a record broken in one way gets past more checks than one broken in three.
        for (var count = random.Next(10) switch { < 6 => 1, < 9 => 2, _ => 3 }; count > 0; count--)
        {
            var mutated = random.Next(4) == 0 ? null : MutateTree(output);
            output = mutated is { Length: <= MaxLength } ? mutated : MutateBytes(output);
        }

        return output;
    }

    /// <summary>A mutation of the bytes, blind to JSON.</summary>
    public byte[] MutateBytes(byte[] input)
    {
        if (input.Length == 0)
        {
            return Pick(Splinters);
        }

        var at = random.Next(input.Length);
        var length = Math.Min(input.Length - at, 1 + random.Next(random.Next(2) == 0 ? 16 : input.Length));
        switch (random.Next(8))
        {
            case 0:
                var flipped = (byte[])input.Clone();
                flipped[at] ^= (byte)(1 << random.Next(8));
                return flipped;
            case 1:
                var set = (byte[])input.Clone();
                set[at] = random.Next(2) == 0 ? Pick(Splinters)[0] : (byte)random.Next(256);
                return set;
            case 2:
                return input[..at];
            case 3:
                return [.. input.AsSpan(0, at), .. input.AsSpan(at + length)];
            case 4:
                return input.Length + length > MaxLength ? input[..at] : [.. input.AsSpan(0, at + length), .. input.AsSpan(at)];
            case 5:
                return [.. input.AsSpan(0, at), .. Pick(Splinters), .. input.AsSpan(at)];
            case 6:
                var other = Pick(seeds);
                return [.. input.AsSpan(0, at), .. other.AsSpan(random.Next(other.Length + 1))];
            default:
                // Digits are where numbers, sequence numbers and times are: make one run longer or shorter.
                var digit = input.AsSpan(at).IndexOfAnyInRange((byte)'0', (byte)'9');
                return digit < 0
                    ? input[..at]
                    : [.. input.AsSpan(0, at + digit), .. Encoding.ASCII.GetBytes(new string('9', random.Next(1, 60))), .. input.AsSpan(at + digit)];
        }
    }

    /// <summary>A mutation that keeps the JSON valid; null when <paramref name="input"/> is not a JSON object the
    /// tree model can hold (invalid, repeated names, deeper than its limit).</summary>
    public byte[]? MutateTree(byte[] input)
    {
        try
        {
            if (JsonNode.Parse(input) is not JsonObject root)
            {
                return null;
            }

            if (root["kinesis"] is JsonObject kinesis && kinesis["data"] is JsonValue data && data.TryGetValue<string>(out var base64)
                && random.Next(3) != 0)
            {
                kinesis["data"] = MutateKinesisData(base64);
                return new CorpusDraft(root).ToBytes();
            }

            var draft = new CorpusDraft(root);
            var nodes = new List<JsonNode>();
            Collect(root, nodes);
            return Edit(draft, nodes[random.Next(nodes.Count)]) ? draft.ToBytes() : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException or FormatException)
        {
            return null;
        }
    }

    private string MutateKinesisData(string base64)
    {
        if (random.Next(6) == 0)
        {
            // Broken base64: a character outside the alphabet, padding in the middle, or a cut.
            var at = random.Next(base64.Length + 1);
            return random.Next(3) switch
            {
                0 => base64.Insert(at, Pick(["*", "=", " ", "-", "_", "\n", "\u00e9"])),
                1 => base64[..at],
                _ => base64.Insert(at, "=="),
            };
        }

        return Convert.ToBase64String(Mutate(Convert.FromBase64String(base64)));
    }

    private bool Edit(CorpusDraft draft, JsonNode node)
    {
        var parent = node.Parent;
        switch (random.Next(11))
        {
            case 0 when node is JsonObject { Count: 1 } tagged:
                var (tag, value) = tagged.First();
                tagged.Remove(tag);
                tagged[Pick(TypeTags)] = value;
                return true;
            case 1:
                node.ReplaceWith(random.Next(3) == 0 ? draft.Raw(Pick(Numbers)) : JsonValue.Create(Number()));
                return true;
            case 2:
                node.ReplaceWith(OtherValue(draft));
                return true;
            case 3:
                node.ReplaceWith(draft.Raw(Nested()));
                return true;
            case 4:
                node.ReplaceWith(JsonValue.Create(Huge()));
                return true;
            case 5 when parent is JsonObject owner:
                owner.Remove(node.GetPropertyName());
                return true;
            case 5 when parent is JsonArray list:
                list.RemoveAt(node.GetElementIndex());
                return true;
            case 6 when parent is JsonObject owner:
                // A name given twice: JSON readers disagree on which copy wins.
                owner[$"@@dup{owner.Count}@@"] = random.Next(2) == 0 ? node.DeepClone() : OtherValue(draft);
                draft.ReplaceText($"\"@@dup{owner.Count - 1}@@\"", JsonSerializer.Serialize(node.GetPropertyName()));
                return true;
            case 7 when parent is JsonObject owner:
                var name = node.GetPropertyName();
                owner.Remove(name);
                owner[Rename(name)] = node;
                return true;
            case 8:
                // A subtree from another record: a valid piece in the wrong place.
                if (JsonNode.Parse(Pick(seeds)) is not JsonObject other)
                {
                    return false;
                }

                var pieces = new List<JsonNode>();
                Collect(other, pieces);
                node.ReplaceWith(pieces[random.Next(pieces.Count)].DeepClone());
                return true;
            case 9:
                node.ReplaceWith(draft.StringWithBytes(Pick(Strings), Pick(Splinters), Pick(Strings)));
                return true;
            case 10 when node is JsonArray list && list.Count > 0:
                list.Add(list[random.Next(list.Count)]?.DeepClone());
                return true;
            default:
                node.ReplaceWith(JsonValue.Create(Pick(Strings)));
                return true;
        }
    }

    private JsonNode? OtherValue(CorpusDraft draft) => random.Next(7) switch
    {
        0 => null,
        1 => JsonValue.Create(random.Next(2) == 0),
        2 => draft.Raw(Pick(Numbers)),
        3 => new JsonArray(),
        4 => new JsonObject(),
        5 => new JsonObject { [Pick(TypeTags)] = Pick(Strings) },
        _ => JsonValue.Create(Pick(Strings)),
    };

    /// <summary>A number as DynamoDB text: random digits, point and exponent, or a known edge.</summary>
    private string Number()
    {
        if (random.Next(2) == 0)
        {
            return Pick(Numbers);
        }

        var digits = new StringBuilder(random.Next(2) == 0 ? "-" : "");
        for (var count = random.Next(1, 45); count > 0; count--)
        {
            digits.Append((char)('0' + random.Next(10)));
        }

        if (random.Next(2) == 0)
        {
            digits.Insert(random.Next(1, digits.Length + 1), '.');
        }

        return random.Next(2) == 0 ? digits.ToString() : $"{digits}e{random.Next(-200, 200)}";
    }

    /// <summary>Attribute values nested around DynamoDB's 32-level limit, or far beyond it.</summary>
    private string Nested()
    {
        var depth = Pick([2, 30, 31, 32, 33, 64, 1000, 20_000]);
        return random.Next(3) switch
        {
            0 => string.Concat(Enumerable.Repeat("{\"M\": {\"a\": ", depth)) + "{\"S\": \"x\"}" + new string('}', depth * 2),
            1 => string.Concat(Enumerable.Repeat("{\"L\": [", depth)) + "{\"N\": \"1\"}" + string.Concat(Enumerable.Repeat("]}", depth)),
            _ => new string('[', depth) + new string(']', depth),
        };
    }

    private string Huge() => new(Pick(['a', '\u00e9', '"', '\\', '\n', '\u2028']), 1 << random.Next(10, 19));

    private string Rename(string name) => random.Next(5) switch
    {
        0 => name.ToUpperInvariant(),
        1 => name.Length > 1 ? name[1..] : "",
        2 => Huge(),
        3 => name + Pick(Strings),
        _ => Pick(Strings),
    };

    private static void Collect(JsonNode node, List<JsonNode> nodes)
    {
        nodes.Add(node);
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    if (child is not null)
                    {
                        Collect(child, nodes);
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    if (child is not null)
                    {
                        Collect(child, nodes);
                    }
                }

                break;
        }
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
