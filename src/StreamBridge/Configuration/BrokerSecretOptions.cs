namespace Bus.StreamBridge.Configuration;

/// <summary>Where the Lambda function finds its broker connection (configuration <c>Bridge:BrokerSecret</c>).</summary>
public sealed class BrokerSecretOptions
{
    public const string SectionName = "Bridge:BrokerSecret";

    /// <summary>ARN or name of a Secrets Manager secret whose value is a JSON object of <c>Bus:RabbitMq</c> settings
    /// (<c>host</c>, <c>port</c>, <c>virtualHost</c>, <c>username</c>, <c>password</c>, <c>useTls</c>). It is read
    /// once per execution environment through the AWS Parameters and Secrets Lambda Extension and wins over the same
    /// settings from environment variables. Empty: the settings come from configuration alone.</summary>
    public string? SecretId { get; set; }
}
