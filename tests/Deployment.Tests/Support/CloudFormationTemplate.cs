using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Bus.Deployment.Tests.Support;

/// <summary>
/// A CloudFormation template of deploy/, with its intrinsic functions readable: references can be checked, and values
/// resolved as a stack with the parameters' defaults (or given overrides) would see them.
/// </summary>
public sealed partial class CloudFormationTemplate
{
    /// <summary>Attributes Fn::GetAtt may read, for the resource types the templates use.</summary>
    private static readonly Dictionary<string, string[]> Attributes = new(StringComparer.Ordinal)
    {
        ["AWS::DynamoDB::Table"] = ["Arn", "StreamArn"],
        ["AWS::SQS::Queue"] = ["Arn", "QueueName", "QueueUrl"],
        ["AWS::IAM::Role"] = ["Arn", "RoleId"],
        ["AWS::Logs::LogGroup"] = ["Arn"],
        ["AWS::Lambda::Function"] = ["Arn"],
        ["AWS::Kinesis::Stream"] = ["Arn"],
        ["AWS::Kinesis::StreamConsumer"] = ["ConsumerARN", "ConsumerName", "StreamARN"],
        ["AWS::SecretsManager::Secret"] = ["Id"],
    };

    private static readonly Dictionary<string, string> Pseudo = new(StringComparer.Ordinal)
    {
        ["AWS::StackName"] = "bus",
        ["AWS::Region"] = "eu-west-1",
        ["AWS::AccountId"] = "123456789012",
        ["AWS::Partition"] = "aws",
        ["AWS::URLSuffix"] = "amazonaws.com",
    };

    private CloudFormationTemplate(string path, JsonObject root)
    {
        Path = path;
        Root = root;
    }

    public string Path { get; }

    public JsonObject Root { get; }

    public JsonObject Parameters => Root[nameof(Parameters)]?.AsObject() ?? [];

    public JsonObject Resources => Root[nameof(Resources)]!.AsObject();

    public JsonObject Conditions => Root[nameof(Conditions)]?.AsObject() ?? [];

    public static CloudFormationTemplate Load(string relativePath) => new(relativePath, Yaml.LoadFile(relativePath));

    public IEnumerable<(string Name, JsonObject Properties)> OfType(string type) =>
        Resources.Where(r => r.Value!["Type"]!.GetValue<string>() == type).Select(r => (r.Key, r.Value!["Properties"]?.AsObject() ?? []));

    public (string Name, JsonObject Properties) SingleOfType(string type) => OfType(type).Single();

    public string TypeOf(string resource) => Resources[resource]!["Type"]!.GetValue<string>();

    /// <summary>Every Ref, GetAtt, Sub variable and condition name that names nothing in the template.</summary>
    public IReadOnlyList<string> DanglingReferences()
    {
        var problems = new List<string>();
        foreach (var (name, resource) in Resources)
        {
            if (resource!["Condition"] is JsonValue condition && !Conditions.ContainsKey(condition.GetValue<string>()))
            {
                problems.Add($"{name}: unknown condition {condition}");
            }

            Walk(resource, name, problems);
        }

        foreach (var (name, condition) in Conditions)
        {
            Walk(condition, name, problems);
        }

        if (Root["Outputs"] is JsonObject outputs)
        {
            Walk(outputs, "Outputs", problems);
        }

        return problems;
    }

    /// <summary>The value as deployed with the parameters' defaults, overridden by <paramref name="parameters"/>.
    /// Attributes of resources become placeholders naming them (<c>&lt;Queue.Arn&gt;</c>); null is AWS::NoValue.</summary>
    public string? Resolve(JsonNode? node, IReadOnlyDictionary<string, string>? parameters = null)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonValue value:
                return value.GetValue<string>();
            case JsonObject { Count: 1 } function when function.First().Key is "Ref":
                return ResolveRef(function["Ref"]!.GetValue<string>(), parameters);
            case JsonObject { Count: 1 } function when function.First().Key is "Fn::GetAtt":
                return $"<{function["Fn::GetAtt"]![0]}.{function["Fn::GetAtt"]![1]}>";
            case JsonObject { Count: 1 } function when function.First().Key is "Fn::Join":
                var join = function["Fn::Join"]!.AsArray();
                return string.Join(join[0]!.GetValue<string>(), ResolveList(join[1], parameters));
            case JsonObject { Count: 1 } function when function.First().Key is "Fn::Sub":
                var sub = function["Fn::Sub"]!;
                var (text, variables) = sub is JsonArray form ? (form[0]!.GetValue<string>(), form[1]!.AsObject()) : (sub.GetValue<string>(), new JsonObject());
                return SubVariable().Replace(text, m =>
                {
                    var name = m.Groups["name"].Value;
                    return variables.TryGetPropertyValue(name, out var variable) ? Resolve(variable, parameters) ?? string.Empty
                        : name.Contains('.', StringComparison.Ordinal) ? $"<{name}>"
                        : ResolveRef(name, parameters) ?? string.Empty;
                });
            case JsonObject { Count: 1 } function when function.First().Key is "Fn::If":
                var branches = function["Fn::If"]!.AsArray();
                return Resolve(Condition(branches[0]!.GetValue<string>(), parameters) ? branches[1] : branches[2], parameters);
            default:
                throw new InvalidOperationException($"{Path}: cannot resolve {node.ToJsonString()}");
        }
    }

    /// <summary>A list value: a YAML sequence, or a Ref to a CommaDelimitedList parameter.</summary>
    public IReadOnlyList<string> ResolveList(JsonNode? node, IReadOnlyDictionary<string, string>? parameters = null) => node switch
    {
        JsonArray items => [.. items.Select(i => Resolve(i, parameters)).OfType<string>()],
        JsonObject reference when reference.ContainsKey("Ref") && Parameters[reference["Ref"]!.GetValue<string>()] is JsonObject parameter
            && parameter["Type"]!.GetValue<string>() == "CommaDelimitedList"
            => ResolveRef(reference["Ref"]!.GetValue<string>(), parameters)!.Split(',', StringSplitOptions.RemoveEmptyEntries),
        _ => throw new InvalidOperationException($"{Path}: {node?.ToJsonString()} is not a list"),
    };

    /// <summary>A parameter's default, as the stack would get it without an override.</summary>
    public string? DefaultOf(string parameter) => Parameters[parameter]?["Default"]?.GetValue<string>();

    public bool Condition(string name, IReadOnlyDictionary<string, string>? parameters = null) => Evaluate(Conditions[name]!, parameters);

    private bool Evaluate(JsonNode node, IReadOnlyDictionary<string, string>? parameters)
    {
        var (function, arguments) = node.AsObject().First();
        return function switch
        {
            "Fn::Equals" => Resolve(arguments![0], parameters) == Resolve(arguments[1], parameters),
            "Fn::Not" => !Evaluate(arguments![0]!, parameters),
            "Fn::And" => arguments!.AsArray().All(a => Evaluate(a!, parameters)),
            "Fn::Or" => arguments!.AsArray().Any(a => Evaluate(a!, parameters)),
            "Condition" => Condition(arguments!.GetValue<string>(), parameters),
            _ => throw new InvalidOperationException($"{Path}: unsupported condition function {function}"),
        };
    }

    private string? ResolveRef(string name, IReadOnlyDictionary<string, string>? parameters)
    {
        if (name == "AWS::NoValue")
        {
            return null;
        }

        if (Pseudo.TryGetValue(name, out var pseudo))
        {
            return pseudo;
        }

        if (Parameters.ContainsKey(name))
        {
            return parameters is not null && parameters.TryGetValue(name, out var given) ? given
                : DefaultOf(name) ?? throw new InvalidOperationException($"{Path}: parameter {name} has no default; give it");
        }

        var properties = Resources[name]?["Properties"];
        return TypeOf(name) switch
        {
            // What Ref returns for each type: the table's and function's names, the secret's ARN, the queue's URL.
            "AWS::DynamoDB::Table" => Resolve(properties!["TableName"], parameters),
            "AWS::Lambda::Function" => Resolve(properties!["FunctionName"], parameters),
            "AWS::Logs::LogGroup" => Resolve(properties!["LogGroupName"], parameters),
            "AWS::SecretsManager::Secret" => $"arn:aws:secretsmanager:eu-west-1:123456789012:secret:{name}-AbCdEf",
            "AWS::SQS::Queue" => $"https://sqs.eu-west-1.amazonaws.com/123456789012/{name}",
            _ => $"<{name}>",
        };
    }

    private void Walk(JsonNode? node, string at, List<string> problems)
    {
        switch (node)
        {
            case JsonArray array:
                foreach (var item in array)
                {
                    Walk(item, at, problems);
                }

                break;
            case JsonObject function when function.Count == 1 && function.First().Key == "Ref":
                var reference = function["Ref"]!.GetValue<string>();
                if (!Parameters.ContainsKey(reference) && !Resources.ContainsKey(reference) && !Pseudo.ContainsKey(reference) && reference != "AWS::NoValue")
                {
                    problems.Add($"{at}: Ref {reference} names nothing");
                }

                break;
            case JsonObject function when function.Count == 1 && function.First().Key == "Fn::GetAtt":
                CheckAttribute(function["Fn::GetAtt"]![0]!.GetValue<string>(), function["Fn::GetAtt"]![1]!.GetValue<string>(), at, problems);
                break;
            case JsonObject function when function.Count == 1 && function.First().Key == "Fn::Sub":
                var sub = function["Fn::Sub"]!;
                var (text, variables) = sub is JsonArray form ? (form[0]!.GetValue<string>(), form[1]!.AsObject()) : (sub.GetValue<string>(), new JsonObject());
                foreach (Match match in SubVariable().Matches(text))
                {
                    var name = match.Groups["name"].Value;
                    if (variables.ContainsKey(name))
                    {
                        continue;
                    }

                    if (name.Contains('.', StringComparison.Ordinal))
                    {
                        CheckAttribute(name[..name.IndexOf('.', StringComparison.Ordinal)], name[(name.IndexOf('.', StringComparison.Ordinal) + 1)..], at, problems);
                    }
                    else if (!Parameters.ContainsKey(name) && !Resources.ContainsKey(name) && !Pseudo.ContainsKey(name))
                    {
                        problems.Add($"{at}: Fn::Sub variable ${{{name}}} names nothing");
                    }
                }

                Walk(variables, at, problems);
                break;
            case JsonObject function when function.Count == 1 && function.First().Key is "Fn::If":
                var branches = function["Fn::If"]!.AsArray();
                if (!Conditions.ContainsKey(branches[0]!.GetValue<string>()))
                {
                    problems.Add($"{at}: Fn::If names unknown condition {branches[0]}");
                }

                Walk(branches[1], at, problems);
                Walk(branches[2], at, problems);
                break;
            case JsonObject function when function.Count == 1 && function.First().Key is "Condition" && function["Condition"] is JsonValue name:
                if (!Conditions.ContainsKey(name.GetValue<string>()))
                {
                    problems.Add($"{at}: unknown condition {name}");
                }

                break;
            case JsonObject map:
                foreach (var (key, value) in map)
                {
                    if (key != "Condition")
                    {
                        Walk(value, at, problems);
                    }
                }

                break;
        }
    }

    private void CheckAttribute(string resource, string attribute, string at, List<string> problems)
    {
        if (!Resources.ContainsKey(resource))
        {
            problems.Add($"{at}: GetAtt {resource}.{attribute}: no resource {resource}");
        }
        else if (!Attributes.TryGetValue(TypeOf(resource), out var known) || !known.Contains(attribute, StringComparer.Ordinal))
        {
            problems.Add($"{at}: GetAtt {resource}.{attribute}: {TypeOf(resource)} has no attribute {attribute} these tests know");
        }
    }

    [GeneratedRegex(@"\$\{(?<name>[A-Za-z0-9:._]+)\}")]
    private static partial Regex SubVariable();
}
