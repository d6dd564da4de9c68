using System.Diagnostics.CodeAnalysis;
using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Bus.StreamBridge.Configuration;

/// <summary>The bridge's settings (configuration section <c>Bridge</c>).</summary>
public sealed class BridgeOptions
{
    public const string SectionName = "Bridge";

    /// <summary>Routing per table name, as it appears in the stream ARN or Kinesis record.</summary>
    public Dictionary<string, TableOptions> Tables { get; set; } = new(StringComparer.Ordinal);

    /// <summary>What to do with records of tables or items that no route matches.</summary>
    public UnroutedPolicy Unrouted { get; set; } = UnroutedPolicy.Skip;

    /// <summary>How many items are processed at once. Records of one item are always processed in order.</summary>
    [Range(1, 1024)]
    public int MaxConcurrency { get; set; } = 32;

    /// <summary>How long the publishing of one record's events may take before the record counts as failed.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:15:00")]
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Checked by BridgeOptionsAnnotationsValidator's generated code, which parses the bounds itself; nothing constructs this attribute by reflection in the native CLI.")]
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// CloudWatch namespace of the metrics the Lambda handler writes after every invocation in the embedded metric format
    /// (one JSON line on standard output). Unset: no such line.
    /// </summary>
    [RegularExpression(CloudWatchNamespacePattern)]
    public string? CloudWatchMetricsNamespace { get; set; }

    /// <summary>CloudWatch's rule for a namespace: 1–255 of these characters, not all spaces, and not AWS's own <c>AWS/</c> prefix.</summary>
    public const string CloudWatchNamespacePattern = @"^(?!AWS/)(?=.*[^ ])[A-Za-z0-9.\-_/#: ]{1,255}$";

    // [ValidateObjectMembers]: data annotations skip a nested object's own rules unless told to look inside.
    [Required]
    [ValidateObjectMembers]
    public FailedRecordOptions FailedRecords { get; set; } = new();

    /// <summary>The Secrets Manager secret holding the broker connection (Lambda); read while configuration is built.</summary>
    [Required]
    public BrokerSecretOptions BrokerSecret { get; set; } = new();

    /// <summary>DynamoDB client settings for enrichment.</summary>
    [Required]
    public DynamoDbOptions DynamoDb { get; set; } = new();
}
