using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Bus.Messaging.Transport;
using Bus.StreamBridge.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bus.StreamBridge.Tests.Configuration;

/// <summary>The broker secret read over real HTTP from a stand-in of the AWS Parameters and Secrets Lambda Extension,
/// which answers <c>GET /secretsmanager/get?secretId=…</c> with a GetSecretValue response.</summary>
public sealed class BrokerSecretConfigurationSpecs : IAsyncLifetime
{
    private const string SecretArn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:bus/broker-AbCdEf";
    private const string SessionToken = "session-token-of-this-environment";

    private WebApplication _extension = null!;
    private int _port;
    private readonly ConcurrentQueue<(string Path, string? SecretId, string? Token)> _requests = new();

    private (int Status, string Body) Answer { get; set; } = (200, GetSecretValue("""
        {"host": "b-1234.mq.eu-west-1.on.aws", "port": 5671, "useTls": true, "username": "bridge", "password": "s3cr\"t", "virtualHost": "bus"}
        """));

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _extension = builder.Build();
        _extension.Run(async context =>
        {
            _requests.Enqueue((context.Request.Path.Value!, context.Request.Query["secretId"], context.Request.Headers["X-Aws-Parameters-Secrets-Token"]));
            context.Response.StatusCode = Answer.Status;
            await context.Response.WriteAsync(Answer.Body);
        });
        await _extension.StartAsync();
        _port = new Uri(_extension.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
    }

    public async ValueTask DisposeAsync() => await _extension.DisposeAsync();

    [Fact]
    public void The_secret_supplies_the_RabbitMq_settings_and_wins_over_environment_variables()
    {
        var configuration = Configuration(("Bus:RabbitMq:Password", "from-environment"), ("Bus:RabbitMq:ConnectionName", "stream-bridge"));

        BrokerSecretConfigurationSource.AddIfConfigured(configuration);
        var rabbit = configuration.GetSection("Bus:RabbitMq").Get<RabbitMqOptions>(o => o.ErrorOnUnknownConfiguration = true)!;

        Assert.Equal(("b-1234.mq.eu-west-1.on.aws", 5671, true, "bridge", "s3cr\"t", "bus", "stream-bridge"),
            (rabbit.Host, rabbit.Port, rabbit.UseTls, rabbit.Username, rabbit.Password, rabbit.VirtualHost, rabbit.ConnectionName));
        Assert.Equal([("/secretsmanager/get", SecretArn, SessionToken)], _requests);
    }

    [Fact]
    public void Without_a_secret_id_nothing_is_read()
    {
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection([new("Bus:RabbitMq:Host", "rabbit.internal"), new(BrokerSecretConfigurationSource.ExtensionPortKey, _port.ToString())]);

        BrokerSecretConfigurationSource.AddIfConfigured(configuration);

        Assert.Equal("rabbit.internal", configuration["Bus:RabbitMq:Host"]);
        Assert.Empty(_requests);
    }

    [Fact]
    public void A_setting_the_options_do_not_have_is_named_without_the_secret_value()
    {
        Answer = (200, GetSecretValue("""{"hostname": "b-1234.mq.eu-west-1.on.aws", "password": "hunter2"}"""));

        var error = Assert.Throws<InvalidOperationException>(() => BrokerSecretConfigurationSource.AddIfConfigured(Configuration()));

        Assert.Equal($"broker secret '{SecretArn}': 'hostname' is not a Bus:RabbitMq setting (known: Host, Port, VirtualHost, Username, Password, UseTls, ConnectionName)", error.Message);
    }

    [Fact]
    public void A_secret_that_is_not_a_JSON_object_fails_without_quoting_it()
    {
        Answer = (200, GetSecretValue("hunter2"));

        var error = Assert.Throws<InvalidOperationException>(() => BrokerSecretConfigurationSource.AddIfConfigured(Configuration()));

        Assert.StartsWith($"broker secret '{SecretArn}': its value must be a JSON object of Bus:RabbitMq settings", error.Message);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_nested_value_is_rejected()
    {
        Answer = (200, GetSecretValue("""{"host": {"name": "b-1"}}"""));

        var error = Assert.Throws<InvalidOperationException>(() => BrokerSecretConfigurationSource.AddIfConfigured(Configuration()));

        Assert.Equal($"broker secret '{SecretArn}': 'host' must be a string, number or boolean", error.Message);
    }

    [Fact]
    public void A_binary_secret_is_rejected()
    {
        Answer = (200, """{"ARN": "x", "Name": "bus/broker", "SecretBinary": "AAEC"}""");

        var error = Assert.Throws<InvalidOperationException>(() => BrokerSecretConfigurationSource.AddIfConfigured(Configuration()));

        Assert.Equal($"broker secret '{SecretArn}': it has no SecretString (a binary secret cannot hold the connection settings)", error.Message);
    }

    [Fact]
    public void An_error_answer_of_the_extension_is_reported_with_its_status_and_text()
    {
        Answer = ((int)HttpStatusCode.BadRequest, "AccessDeniedException: not authorized to perform secretsmanager:GetSecretValue");

        var error = Assert.Throws<InvalidOperationException>(() => BrokerSecretConfigurationSource.AddIfConfigured(Configuration()));

        Assert.Equal(
            $"broker secret '{SecretArn}': the AWS Parameters and Secrets Lambda Extension answered 400: AccessDeniedException: not authorized to perform secretsmanager:GetSecretValue",
            error.Message);
    }

    [Fact]
    public async Task A_missing_extension_is_reported_with_what_to_do()
    {
        await _extension.StopAsync();

        var error = Assert.Throws<InvalidOperationException>(() => BrokerSecretConfigurationSource.AddIfConfigured(Configuration()));

        Assert.StartsWith($"broker secret '{SecretArn}': the AWS Parameters and Secrets Lambda Extension did not answer on localhost:{_port}", error.Message);
        Assert.EndsWith("Attach the extension's layer to the function, or unset Bridge:BrokerSecret:SecretId and set Bus:RabbitMq directly.", error.Message);
    }

    [Fact]
    public void An_invalid_extension_port_is_rejected_before_any_request()
    {
        var configuration = Configuration((BrokerSecretConfigurationSource.ExtensionPortKey, "http"));

        var error = Assert.Throws<InvalidOperationException>(() => BrokerSecretConfigurationSource.AddIfConfigured(configuration));

        Assert.Equal("PARAMETERS_SECRETS_EXTENSION_HTTP_PORT must be a TCP port number, not 'http'", error.Message);
        Assert.Empty(_requests);
    }

    private ConfigurationManager Configuration(params (string Key, string Value)[] more)
    {
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection(
        [
            new("Bridge:BrokerSecret:SecretId", SecretArn),
            new(BrokerSecretConfigurationSource.ExtensionPortKey, _port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(BrokerSecretConfigurationSource.SessionTokenKey, SessionToken),
        ]);
        configuration.AddInMemoryCollection(more.Select(m => new KeyValuePair<string, string?>(m.Key, m.Value)));
        return configuration;
    }

    private static string GetSecretValue(string secretString) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["ARN"] = SecretArn,
        ["Name"] = "bus/broker",
        ["SecretString"] = secretString,
        ["VersionId"] = "a1b2c3d4-5678-90ab-cdef-EXAMPLE11111",
        ["VersionStages"] = new[] { "AWSCURRENT" },
    });
}
