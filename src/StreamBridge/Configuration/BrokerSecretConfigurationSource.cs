using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Bus.StreamBridge.Configuration;

/// <summary>
/// Adds the <c>Bus:RabbitMq</c> settings held in a Secrets Manager secret, read through the AWS Parameters and Secrets
/// Lambda Extension: a layer that answers on localhost and caches the secret, so the function needs no Secrets Manager
/// SDK (none is obtainable here) and the password never sits in the function's environment variables, which anyone
/// allowed <c>lambda:GetFunctionConfiguration</c> can read.
/// </summary>
public sealed class BrokerSecretConfigurationSource : IConfigurationSource
{
    /// <summary>The extension's own setting for its port; Lambda passes it to the function's environment too.</summary>
    public const string ExtensionPortKey = "PARAMETERS_SECRETS_EXTENSION_HTTP_PORT";

    /// <summary>The extension authenticates callers by the execution environment's session token.</summary>
    public const string SessionTokenKey = "AWS_SESSION_TOKEN";

    public const int DefaultExtensionPort = 2773;

    public required string SecretId { get; init; }

    public int ExtensionPort { get; init; } = DefaultExtensionPort;

    public string? SessionToken { get; init; }

    /// <summary>The extension itself waits for Secrets Manager; this bounds the whole read.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    public IConfigurationProvider Build(IConfigurationBuilder builder) => new BrokerSecretConfigurationProvider(this);

    /// <summary>Adds the source when <c>Bridge:BrokerSecret:SecretId</c> is set in what <paramref name="configuration"/>
    /// holds so far (environment variables in Lambda); later sources, such as command-line overrides, still win.</summary>
    public static void AddIfConfigured(IConfigurationManager configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var secretId = configuration[$"{BrokerSecretOptions.SectionName}:{nameof(BrokerSecretOptions.SecretId)}"];
        if (string.IsNullOrWhiteSpace(secretId))
        {
            return;
        }

        var port = DefaultExtensionPort;
        if (configuration[ExtensionPortKey] is { Length: > 0 } configuredPort
            && (!int.TryParse(configuredPort, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
        {
            throw new InvalidOperationException($"{ExtensionPortKey} must be a TCP port number, not '{configuredPort}'");
        }

        configuration.Add(new BrokerSecretConfigurationSource
        {
            SecretId = secretId,
            ExtensionPort = port,
            SessionToken = configuration[SessionTokenKey],
        });
    }
}
