using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Bus.Deployment.Tests.Support;
using Bus.Messaging.Transport;
using Bus.StreamBridge.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bus.Deployment.Tests.Lambda;

/// <summary>The CloudFormation templates of deploy/ against the bridge's handler, options, routing and failure
/// contract. Both stream sources, DynamoDB Streams and Kinesis Data Streams for DynamoDB, get every check.</summary>
public sealed partial class LambdaTemplate_Specs
{
    public const string DynamoDbStreams = "deploy/stream-bridge-dynamodb-streams.yaml";
    public const string Kinesis = "deploy/stream-bridge-kinesis.yaml";

    public static TheoryData<string> Templates => [DynamoDbStreams, Kinesis];

    private static readonly ProjectFile Bridge = ProjectFile.Load("src/StreamBridge/StreamBridge.csproj");

    /// <summary>Parameters without a default, as a deployer would give them.</summary>
    private static readonly Dictionary<string, string> Required = new(StringComparer.Ordinal)
    {
        ["BrokerHost"] = "b-0123abcd-4567-89ef-0123-456789abcdef.mq.eu-west-1.on.aws",
        ["SecretsExtensionLayerArn"] = "arn:aws:lambda:eu-west-1:015030872274:layer:AWS-Parameters-and-Secrets-Lambda-Extension:12",
    };

    [Theory]
    [MemberData(nameof(Templates))]
    public void Every_reference_names_a_parameter_resource_attribute_or_condition_of_the_template(string path)
    {
        Assert.Equal([], CloudFormationTemplate.Load(path).DanglingReferences());
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void The_handler_names_a_public_Task_of_Stream_Handle_of_Stream_method_of_the_bridge_assembly(string path)
    {
        var function = Function(CloudFormationTemplate.Load(path));
        var parts = function["Handler"]!.GetValue<string>().Split("::");

        Assert.Equal("dotnet10", function["Runtime"]!.GetValue<string>());
        Assert.Equal(3, parts.Length);
        Assert.Equal(Bridge.AssemblyName, parts[0]);
        var type = Assembly.Load(new AssemblyName(parts[0])).GetType(parts[1], throwOnError: true)!;
        Assert.True(type.IsPublic && !type.IsAbstract && type.GetConstructor(Type.EmptyTypes) is not null, $"{type} must be a public class the runtime can create");
        var handle = type.GetMethod(parts[2], BindingFlags.Public | BindingFlags.Instance, [typeof(Stream)]);
        Assert.NotNull(handle);
        Assert.Equal(typeof(Task<Stream>), handle.ReturnType);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Every_environment_variable_of_the_function_binds_to_a_bridge_option(string path)
    {
        // The runtime's own settings (DOTNET_…) are not the bridge's options; the GarbageCollector parameter sets them.
        var environment = Environment(CloudFormationTemplate.Load(path), new Dictionary<string, string>(Required) { ["GarbageCollector"] = "SmallFootprint" })
            .Where(v => !v.Key.StartsWith("DOTNET_", StringComparison.Ordinal)).ToDictionary(StringComparer.Ordinal);

        Assert.Equal([], App.For(Bridge).Problems(environment));
        Assert.Equal("RabbitMq", environment["Bus__Transport"]);
        // The file store would write to the execution environment's disk, which goes away with it.
        Assert.Equal("Queue", environment["Bridge__FailedRecords__Store"]);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void The_small_footprint_garbage_collector_sets_the_concurrent_GC_and_a_16_MiB_gen0_budget_and_the_default_sets_neither(string path)
    {
        var template = CloudFormationTemplate.Load(path);

        var small = Environment(template, new Dictionary<string, string>(Required) { ["GarbageCollector"] = "SmallFootprint" });
        var standard = Environment(template, Required);

        Assert.Equal(("1", "0x1800000"), (small["DOTNET_gcConcurrent"], small["DOTNET_GCgen0size"]));
        Assert.DoesNotContain(standard.Keys, k => k.StartsWith("DOTNET_", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void The_table_name_parameters_route_each_table_of_the_template_to_its_translator(string path)
    {
        var template = CloudFormationTemplate.Load(path);
        var names = new Dictionary<string, string>(Required)
        {
            ["CustomersTableName"] = "prod-customers",
            ["OrdersTableName"] = "prod.orders",
            ["InventoryTableName"] = "prod_inventory",
        };
        var configuration = App.For(Bridge).Configuration(Environment(template, names));
        using var provider = new ServiceCollection().AddStreamBridgeCoreFor(configuration).BuildServiceProvider();

        var routes = provider.GetRequiredService<TableRouter>().Tables.ToDictionary(t => t.TableName, t => t.Translator?.Name);

        Assert.Equal(
            new Dictionary<string, string?> { ["prod-customers"] = "Customers", ["prod.orders"] = "Orders", ["prod_inventory"] = "Inventory" },
            routes);
        Assert.Equal(routes.Keys.Order(StringComparer.Ordinal),
            template.OfType("AWS::DynamoDB::Table").Select(t => template.Resolve(t.Properties["TableName"], names)!).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Every_event_source_mapping_reports_batch_item_failures_and_sets_every_batching_and_retry_setting(string path)
    {
        var template = CloudFormationTemplate.Load(path);
        var function = template.SingleOfType("AWS::Lambda::Function").Name;
        foreach (var (name, mapping) in template.OfType("AWS::Lambda::EventSourceMapping"))
        {
            Assert.Equal(["ReportBatchItemFailures"], template.ResolveList(mapping["FunctionResponseTypes"]));
            Assert.Equal(function, mapping["FunctionName"]!["Ref"]!.GetValue<string>());
            foreach (var setting in new[] { "StartingPosition", "BatchSize", "MaximumBatchingWindowInSeconds", "ParallelizationFactor", "BisectBatchOnFunctionError", "MaximumRetryAttempts", "MaximumRecordAgeInSeconds" })
            {
                Assert.True(template.Resolve(mapping[setting], Required) is { Length: > 0 }, $"{path} {name}: {setting} is not set");
            }

            var destination = mapping["DestinationConfig"]!["OnFailure"]!["Destination"]!["Fn::GetAtt"]!.AsArray();
            Assert.Equal(("AWS::SQS::Queue", "Arn"), (template.TypeOf(destination[0]!.GetValue<string>()), destination[1]!.GetValue<string>()));
            Assert.NotEmpty(mapping["FilterCriteria"]!["Filters"]!.AsArray());
        }
    }

    [Fact]
    public void Each_table_stream_has_one_mapping_and_the_DynamoDB_filter_passes_every_change_kind_the_translators_handle()
    {
        var template = CloudFormationTemplate.Load(DynamoDbStreams);
        var mappings = template.OfType("AWS::Lambda::EventSourceMapping").ToList();

        Assert.Equal(
            template.OfType("AWS::DynamoDB::Table").Select(t => $"{t.Name}.StreamArn").Order(StringComparer.Ordinal),
            mappings.Select(m => string.Join('.', m.Properties["EventSourceArn"]!["Fn::GetAtt"]!.AsArray().Select(a => a!.GetValue<string>()))).Order(StringComparer.Ordinal));
        Assert.All(template.OfType("AWS::DynamoDB::Table"), t => Assert.Equal("NEW_AND_OLD_IMAGES", t.Properties["StreamSpecification"]!["StreamViewType"]!.GetValue<string>()));
        Assert.All(mappings, m => Assert.Equal(
            """{"eventName":["INSERT","MODIFY","REMOVE"]}""",
            Patterns(template, m.Properties, Required).Single().ToJsonString()));
    }

    [Fact]
    public void The_Kinesis_tables_send_microsecond_changes_to_the_one_stream_the_mapping_reads_and_its_filter_names_the_tables()
    {
        var template = CloudFormationTemplate.Load(Kinesis);
        var stream = template.SingleOfType("AWS::Kinesis::Stream").Name;
        var mapping = template.SingleOfType("AWS::Lambda::EventSourceMapping").Properties;
        var names = new Dictionary<string, string>(Required) { ["CustomersTableName"] = "prod-customers" };

        Assert.All(template.OfType("AWS::DynamoDB::Table"), t =>
        {
            Assert.Null(t.Properties["StreamSpecification"]);
            Assert.Equal(stream, t.Properties["KinesisStreamSpecification"]!["StreamArn"]!["Fn::GetAtt"]![0]!.GetValue<string>());
            Assert.Equal("MICROSECOND", t.Properties["KinesisStreamSpecification"]!["ApproximateCreationDateTimePrecision"]!.GetValue<string>());
        });
        Assert.Equal($"<{stream}.Arn>", template.Resolve(mapping["EventSourceArn"], Required));
        Assert.Equal("<BridgeConsumer.ConsumerARN>", template.Resolve(mapping["EventSourceArn"], new Dictionary<string, string>(Required) { ["UseEnhancedFanOut"] = "true" }));
        Assert.Equal(
            """{"data":{"tableName":["prod-customers","Orders","Inventory"],"eventName":["INSERT","MODIFY","REMOVE"]}}""",
            Patterns(template, mapping, names).Single().ToJsonString());
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Parameter_bounds_stay_within_Lambda_limits_and_the_defaults_agree_with_each_other(string path)
    {
        var template = CloudFormationTemplate.Load(path);
        var limits = new Dictionary<string, (int Min, int Max)>
        {
            ["BatchSize"] = (1, 10000),
            ["MaximumBatchingWindowInSeconds"] = (0, 300),
            ["ParallelizationFactor"] = (1, 10),
            ["MaximumRetryAttempts"] = (-1, 10000),
            ["MaximumRecordAgeInSeconds"] = (60, 604800),
            ["Timeout"] = (1, 900),
        };
        foreach (var (parameter, (min, max)) in limits)
        {
            var declared = template.Parameters[parameter]!;
            Assert.InRange(Number(declared["MinValue"]), min, max);
            Assert.InRange(Number(declared["MaxValue"]), Number(declared["MinValue"]), max);
            Assert.InRange(Number(declared["Default"]), Number(declared["MinValue"]), Number(declared["MaxValue"]));
        }

        // A record whose publish times out must still be reported, not cut off by the function's own timeout.
        Assert.True(TimeSpan.FromSeconds(Number(template.Parameters["Timeout"]!["MinValue"])) > TimeSpan.Zero);
        Assert.True(TimeSpan.FromSeconds(Number(template.Parameters["Timeout"]!["Default"])) >= 2 * TimeSpan.Parse(template.DefaultOf("PublishTimeout")!, CultureInfo.InvariantCulture));

        // Records Lambda gives up on are named on the on-failure queue; they must still be in the stream to be read back.
        var retentionSeconds = path == Kinesis ? Number(template.Parameters["RetentionPeriodHours"]!["Default"]) * 3600 : 24 * 3600;
        Assert.True(Number(template.Parameters["MaximumRecordAgeInSeconds"]!["Default"]) < retentionSeconds);
        if (path == DynamoDbStreams)
        {
            Assert.True(Number(template.Parameters["MaximumRecordAgeInSeconds"]!["MaxValue"]) <= retentionSeconds);
        }
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Stream_queue_secret_and_log_permissions_name_exactly_the_resources_the_function_uses(string path)
    {
        var template = CloudFormationTemplate.Load(path);
        var function = Function(template);
        var role = template.Resources[function["Role"]!["Fn::GetAtt"]![0]!.GetValue<string>()]!["Properties"]!;
        var vpc = new Dictionary<string, string>(Required) { ["SubnetIds"] = "subnet-1", ["UseEnhancedFanOut"] = "true" };
        var granted = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var statement in role["Policies"]!.AsArray().SelectMany(p => p!["PolicyDocument"]!["Statement"]!.AsArray()))
        {
            var resolved = statement is JsonObject s && s.ContainsKey("Fn::If") ? Branch(template, s, vpc) : statement!.AsObject();
            Assert.Equal("Allow", resolved["Effect"]!.GetValue<string>());
            var actions = resolved["Action"] is JsonArray list ? list.Select(a => a!.GetValue<string>()).ToList() : [resolved["Action"]!.GetValue<string>()];
            var resources = resolved["Resource"] is JsonArray many ? [.. many] : new List<JsonNode?> { resolved["Resource"] };
            foreach (var action in actions)
            {
                Assert.DoesNotContain("*", action, StringComparison.Ordinal);
                foreach (var resource in resources)
                {
                    Assert.True(resource is JsonObject, $"{path}: {action} on {resource?.ToJsonString()}: name the resource with Ref or GetAtt, never a wildcard");
                    granted.TryAdd(action, new HashSet<string>(StringComparer.Ordinal));
                    granted[action].Add(template.Resolve(resource, vpc)!);
                }
            }
        }

        var streamActions = path == Kinesis
            ? new[] { "kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards" }
            : ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams"];
        var streams = path == Kinesis
            ? [$"<{template.SingleOfType("AWS::Kinesis::Stream").Name}.Arn>"]
            : template.OfType("AWS::Lambda::EventSourceMapping").Select(m => template.Resolve(m.Properties["EventSourceArn"], vpc)!).ToHashSet(StringComparer.Ordinal);
        var expected = streamActions.ToDictionary(a => a, _ => streams.ToHashSet(StringComparer.Ordinal));
        if (path == Kinesis)
        {
            expected["kinesis:DescribeStreamConsumer"] = ["<BridgeConsumer.ConsumerARN>"];
            expected["kinesis:SubscribeToShard"] = ["<BridgeConsumer.ConsumerARN>"];
        }

        expected["sqs:SendMessage"] = template.OfType("AWS::Lambda::EventSourceMapping")
            .Select(m => template.Resolve(m.Properties["DestinationConfig"]!["OnFailure"]!["Destination"], vpc)!).ToHashSet(StringComparer.Ordinal);
        expected["secretsmanager:GetSecretValue"] = [template.Resolve(function["Environment"]!["Variables"]!["Bridge__BrokerSecret__SecretId"], vpc)!];
        var logGroup = function["LoggingConfig"]!["LogGroup"]!["Ref"]!.GetValue<string>();
        expected["logs:CreateLogStream"] = [$"<{logGroup}.Arn>"];
        expected["logs:PutLogEvents"] = [$"<{logGroup}.Arn>"];

        Assert.Equal(expected.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key} on {string.Join(", ", e.Value.Order(StringComparer.Ordinal))}"),
            granted.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key} on {string.Join(", ", e.Value.Order(StringComparer.Ordinal))}"));
        Assert.Equal("AWS::SecretsManager::Secret", template.TypeOf(function["Environment"]!["Variables"]!["Bridge__BrokerSecret__SecretId"]!["Ref"]!.GetValue<string>()));
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void The_broker_secret_holds_the_RabbitMq_settings_and_the_password_never_sits_in_the_environment(string path)
    {
        var template = CloudFormationTemplate.Load(path);
        var generate = template.SingleOfType("AWS::SecretsManager::Secret").Properties["GenerateSecretString"]!;
        var secret = JsonNode.Parse(template.Resolve(generate["SecretStringTemplate"], Required)!)!.AsObject();
        secret[generate["GenerateStringKey"]!.GetValue<string>()] = "generated-password-0123456789abcdef";

        // Bound the way the bridge's BrokerSecretConfigurationSource maps it: each property under Bus:RabbitMq.
        var rabbit = new ConfigurationBuilder()
            .AddInMemoryCollection(secret.Select(p => new KeyValuePair<string, string?>($"Bus:RabbitMq:{p.Key}", p.Value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : p.Value!.ToJsonString())))
            .Build().GetSection("Bus:RabbitMq").Get<RabbitMqOptions>(o => o.ErrorOnUnknownConfiguration = true)!;

        Validator.ValidateObject(rabbit, new ValidationContext(rabbit), validateAllProperties: true);
        Assert.Equal((Required["BrokerHost"], 5671, true, "/", "stream-bridge", "generated-password-0123456789abcdef"),
            (rabbit.Host, rabbit.Port, rabbit.UseTls, rabbit.VirtualHost, rabbit.Username, rabbit.Password));
        var function = Function(template);
        Assert.DoesNotContain(function["Environment"]!["Variables"]!.AsObject(), v => v.Key.StartsWith("Bus__RabbitMq__", StringComparison.Ordinal) && v.Key != "Bus__RabbitMq__ConnectionName");
        Assert.Equal([Required["SecretsExtensionLayerArn"]], template.ResolveList(function["Layers"], Required));
        Assert.Matches(template.Parameters["SecretsExtensionLayerArn"]!["AllowedPattern"]!.GetValue<string>(), Required["SecretsExtensionLayerArn"]);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void The_function_code_is_the_zip_scripts_package_lambda_sh_writes(string path)
    {
        var code = Function(CloudFormationTemplate.Load(path))["Code"]!.GetValue<string>();
        var defaultOutput = ScriptOutput().Match(Repository.Read("scripts/package-lambda.sh")).Groups["path"].Value;

        Assert.Equal(Repository.PathOf(defaultOutput), Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Repository.PathOf(path))!, code)));
    }

    private static JsonObject Function(CloudFormationTemplate template) => template.SingleOfType("AWS::Lambda::Function").Properties;

    private static Dictionary<string, string> Environment(CloudFormationTemplate template, IReadOnlyDictionary<string, string> parameters) =>
        Function(template)["Environment"]!["Variables"]!.AsObject()
            .Select(v => (v.Key, Value: template.Resolve(v.Value, parameters)))
            .Where(v => v.Value is not null) // AWS::NoValue: the variable is left out
            .ToDictionary(v => v.Key, v => v.Value!, StringComparer.Ordinal);

    private static IEnumerable<JsonNode> Patterns(CloudFormationTemplate template, JsonObject mapping, IReadOnlyDictionary<string, string> parameters) =>
        mapping["FilterCriteria"]!["Filters"]!.AsArray().Select(f => JsonNode.Parse(template.Resolve(f!["Pattern"], parameters)!)!);

    private static JsonObject Branch(CloudFormationTemplate template, JsonObject conditional, IReadOnlyDictionary<string, string> parameters)
    {
        var branches = conditional["Fn::If"]!.AsArray();
        return (template.Condition(branches[0]!.GetValue<string>(), parameters) ? branches[1] : branches[2])!.AsObject();
    }

    private static int Number(JsonNode? node) => int.Parse(node!.GetValue<string>(), CultureInfo.InvariantCulture);

    [GeneratedRegex("""output="\$repo_root/(?<path>[^"]+)""")]
    private static partial Regex ScriptOutput();
}
