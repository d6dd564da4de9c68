using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bus.StreamBridge.Tests.BadInput;

/// <summary>
/// A record being broken for the corpus: a JSON tree to edit, plus raw pieces no JSON writer would produce
/// (invalid UTF-8, JSON numbers where DynamoDB sends strings, repeated names) spliced in after writing.
/// </summary>
internal sealed class CorpusDraft(JsonObject root)
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly List<(string Token, byte[] Bytes)> _raw = [];
    private readonly List<Func<string, string>> _textEdits = [];

    public JsonObject Root { get; } = root;

    public JsonObject Dynamodb => Root["dynamodb"]!.AsObject();

    public JsonObject NewImage => Dynamodb[nameof(NewImage)]!.AsObject();

    public JsonObject OldImage => Dynamodb[nameof(OldImage)]!.AsObject();

    /// <summary>A value written as <paramref name="json"/> verbatim.</summary>
    public JsonNode Raw(string json) => Raw(Encoding.UTF8.GetBytes(json));

    /// <summary>A value written as <paramref name="bytes"/> verbatim.</summary>
    public JsonNode Raw(byte[] bytes) => JsonValue.Create(Token(bytes));

    /// <summary>A placeholder that, written as a JSON string (in quotes), becomes <paramref name="bytes"/>.</summary>
    public string Token(byte[] bytes)
    {
        var token = $"@@raw{_raw.Count}@@";
        _raw.Add((token, bytes));
        return token;
    }

    /// <summary>A string value whose content is <paramref name="before"/>, raw <paramref name="bytes"/>, then
    /// <paramref name="after"/>.</summary>
    public JsonNode StringWithBytes(string before, byte[] bytes, string after = "") =>
        Raw([.. Encoding.UTF8.GetBytes("\"" + before), .. bytes, .. Encoding.UTF8.GetBytes(after + "\"")]);

    /// <summary>An edit of the written text (the first occurrence of <paramref name="find"/> is replaced).</summary>
    public void ReplaceText(string find, string replacement) => _textEdits.Add(text =>
    {
        var at = text.IndexOf(find, StringComparison.Ordinal);
        return at < 0 ? throw new InvalidOperationException($"corpus draft has no '{find}'") : text[..at] + replacement + text[(at + find.Length)..];
    });

    public byte[] ToBytes()
    {
        var text = Root.ToJsonString(Indented);
        foreach (var edit in _textEdits)
        {
            text = edit(text);
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        foreach (var (token, raw) in _raw)
        {
            var quoted = Encoding.UTF8.GetBytes($"\"{token}\"");
            var at = bytes.AsSpan().IndexOf(quoted);
            if (at < 0)
            {
                throw new InvalidOperationException($"corpus draft lost its placeholder {token}");
            }

            bytes = [.. bytes.AsSpan(0, at), .. raw, .. bytes.AsSpan(at + quoted.Length)];
        }

        return bytes;
    }
}
