using System.Net;
using System.Text.Json;
using Bus.Messaging.Transport;
using Microsoft.Extensions.Configuration;

namespace Bus.StreamBridge.Configuration;

/// <summary>Reads the secret once, when configuration is built (the first invocation of an execution environment),
/// and maps each property of its JSON object to <c>Bus:RabbitMq:&lt;property&gt;</c>.</summary>
internal sealed class BrokerSecretConfigurationProvider(BrokerSecretConfigurationSource source) : ConfigurationProvider
{
    private const string Section = "Bus:RabbitMq";

    private static readonly string[] Settings = [.. typeof(RabbitMqOptions).GetProperties().Select(p => p.Name)];

    public override void Load() => Data = Parse(Fetch());

    private string Fetch()
    {
        using var client = new HttpClient { Timeout = source.Timeout };
        using var request = new HttpRequestMessage(HttpMethod.Get,
            new Uri($"http://localhost:{source.ExtensionPort}/secretsmanager/get?secretId={Uri.EscapeDataString(source.SecretId)}"));
        request.Headers.Add("X-Aws-Parameters-Secrets-Token", source.SessionToken ?? string.Empty);
        HttpResponseMessage response;
        try
        {
            response = client.Send(request);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            throw new InvalidOperationException(
                $"broker secret '{source.SecretId}': the AWS Parameters and Secrets Lambda Extension did not answer on localhost:{source.ExtensionPort} " +
                $"({e.Message}). Attach the extension's layer to the function, or unset Bridge:BrokerSecret:SecretId and set Bus:RabbitMq directly.", e);
        }

        using (response)
        {
            using var reader = new StreamReader(response.Content.ReadAsStream());
            var body = reader.ReadToEnd();
            if (response.StatusCode != HttpStatusCode.OK)
            {
                // The extension's error text names the secret and the cause (access denied, not found), never its value.
                throw new InvalidOperationException(
                    $"broker secret '{source.SecretId}': the AWS Parameters and Secrets Lambda Extension answered {(int)response.StatusCode}: {Excerpt(body)}");
            }

            return body;
        }
    }

    private Dictionary<string, string?> Parse(string getSecretValueResponse)
    {
        string? secretString;
        try
        {
            using var response = JsonDocument.Parse(getSecretValueResponse);
            secretString = response.RootElement.ValueKind == JsonValueKind.Object
                && response.RootElement.TryGetProperty("SecretString", out var value) && value.ValueKind == JsonValueKind.String
                    ? value.GetString()
                    : null;
        }
        catch (JsonException)
        {
            throw Invalid("the extension's answer is not a GetSecretValue response");
        }

        if (secretString is null)
        {
            throw Invalid("it has no SecretString (a binary secret cannot hold the connection settings)");
        }

        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        try
        {
            using var secret = JsonDocument.Parse(secretString);
            if (secret.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(ExpectedShape);
            }

            foreach (var property in secret.RootElement.EnumerateObject())
            {
                var setting = Array.Find(Settings, s => string.Equals(s, property.Name, StringComparison.OrdinalIgnoreCase))
                    ?? throw Invalid($"'{property.Name}' is not a {Section} setting (known: {string.Join(", ", Settings)})");
                data[$"{Section}:{setting}"] = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString(),
                    JsonValueKind.Number => property.Value.GetRawText(),
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    _ => throw Invalid($"'{property.Name}' must be a string, number or boolean"),
                };
            }
        }
        catch (JsonException)
        {
            // The parser's message quotes the offending text, which may be part of the password: leave it out.
            throw Invalid(ExpectedShape);
        }

        return data;
    }

    private const string ExpectedShape = $"its value must be a JSON object of {Section} settings, e.g. " +
        """{"host": "b-….mq.eu-west-1.on.aws", "port": 5671, "useTls": true, "username": "bridge", "password": "…"}""";

    private InvalidOperationException Invalid(string reason) => new($"broker secret '{source.SecretId}': {reason}");

    private static string Excerpt(string body) => body.Length <= 300 ? body : string.Concat(body.AsSpan(0, 300), "…");
}
