namespace Bus.StreamBridge.Configuration;

/// <summary>The DynamoDB client used for <see cref="EnrichmentMode.GetItem"/> (configuration <c>Bridge:DynamoDb</c>).
/// Credentials and region come from the standard AWS chain (the Lambda's role and <c>AWS_REGION</c>).</summary>
public sealed class DynamoDbOptions
{
    /// <summary>Endpoint override, e.g. a local DynamoDB-compatible server; empty for AWS.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>Region override.</summary>
    public string? Region { get; set; }
}
