using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace Bus.Deployment.Tests.Support;

/// <summary>
/// YAML as JSON nodes. CloudFormation's short-form intrinsics (<c>!Ref X</c>, <c>!GetAtt A.B</c>, <c>!Sub …</c>) become
/// their long forms (<c>{"Ref": "X"}</c>, <c>{"Fn::GetAtt": ["A", "B"]}</c>, <c>{"Fn::Sub": …}</c>), so a test reads both
/// forms alike. Scalars stay strings: YAML's own typing is not what CloudFormation or compose apply.
/// </summary>
public static class Yaml
{
    public static JsonObject Load(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        if (stream.Documents.Count != 1)
        {
            throw new InvalidOperationException($"expected one YAML document, found {stream.Documents.Count}");
        }

        return Convert(stream.Documents[0].RootNode) as JsonObject
            ?? throw new InvalidOperationException("the YAML document is not a mapping");
    }

    public static JsonObject LoadFile(string relativePath) => Load(Repository.Read(relativePath));

    private static JsonNode? Convert(YamlNode node)
    {
        JsonNode? value = node switch
        {
            YamlMappingNode mapping => ConvertMapping(mapping),
            YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(Convert)]),
            YamlScalarNode scalar => scalar.Value is null || (scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && scalar.Value is "" or "~" or "null")
                ? null
                : JsonValue.Create(scalar.Value),
            _ => throw new InvalidOperationException($"unsupported YAML node {node.NodeType} at {node.Start}"),
        };

        var tag = node.Tag.IsEmpty ? null : node.Tag.Value;
        if (tag is null || !tag.StartsWith('!') || tag.StartsWith("!!", StringComparison.Ordinal) || tag.StartsWith("tag:yaml.org", StringComparison.Ordinal))
        {
            return value;
        }

        var function = tag[1..];
        if (function == "Ref")
        {
            return new JsonObject { ["Ref"] = value };
        }

        if (function == "GetAtt" && value is JsonValue dotted)
        {
            var text = dotted.GetValue<string>();
            var dot = text.IndexOf('.', StringComparison.Ordinal);
            value = new JsonArray(text[..dot], text[(dot + 1)..]);
        }

        return new JsonObject { [function == "Condition" ? "Condition" : "Fn::" + function] = value };
    }

    private static JsonObject ConvertMapping(YamlMappingNode mapping)
    {
        var result = new JsonObject();
        foreach (var (key, child) in mapping.Children)
        {
            var name = ((YamlScalarNode)key).Value ?? throw new InvalidOperationException($"empty key at {key.Start}");
            result.Add(name, Convert(child));
        }

        return result;
    }
}
