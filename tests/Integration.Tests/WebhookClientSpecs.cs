using Bus.TestSupport;
using System.Text.Json;
using Bus.Messaging.Gateway;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bus.Integration.Tests;

/// <summary>The external-call client against a real HTTP server on loopback.</summary>
public sealed class WebhookClientSpecs : IAsyncLifetime
{
    private const string Secret = "a-test-signing-secret-0123456789";
    private LoopbackHttpServer _server = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _server = await LoopbackHttpServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_call_is_signed_and_carries_its_idempotency_key()
    {
        var client = Client();

        await client.PostAsync("/contacts", new { customerId = "C-1", email = "a@example.com" }, "key-1", Cancel);

        var request = Assert.Single(_server.Requests);
        Assert.Equal(("POST", "/contacts", "key-1"), (request.Method, request.Path, request.Headers["Idempotency-Key"]));
        var timestamp = long.Parse(request.Headers["X-Bus-Timestamp"], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(WebhookSignature.Verify(Secret, timestamp, request.Body, request.Headers["X-Bus-Signature"]));
        Assert.Equal("C-1", JsonDocument.Parse(request.Body).RootElement.GetProperty("customerId").GetString());
    }

    [Fact]
    public async Task Transient_errors_are_retried_with_the_same_idempotency_key_until_one_succeeds()
    {
        var calls = 0;
        _server.Responder = _ => Interlocked.Increment(ref calls) <= 2 ? 503 : 200;
        var client = Client();

        await client.PostAsync("/contacts", new { customerId = "C-2" }, "key-2", Cancel);

        Assert.Equal(3, _server.Requests.Count);
        Assert.All(_server.Requests, r => Assert.Equal("key-2", r.Headers["Idempotency-Key"]));
    }

    [Fact]
    public async Task A_rejected_call_is_a_permanent_failure_and_is_not_retried()
    {
        _server.Responder = _ => 422;
        var client = Client();

        var error = await Assert.ThrowsAsync<PermanentExternalFailureException>(
            () => client.PostAsync("/contacts", new { customerId = "C-3" }, "key-3", Cancel));

        Assert.Equal("Marketing answered 422 Unprocessable Entity to POST /contacts", error.Message);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task A_system_that_keeps_failing_is_unavailable_after_the_configured_retries()
    {
        _server.Responder = _ => 500;
        var client = Client(maxRetries: 2);

        await Assert.ThrowsAsync<ExternalSystemUnavailableException>(
            () => client.PostAsync("/contacts", new { customerId = "C-4" }, "key-4", Cancel));

        Assert.Equal(3, _server.Requests.Count);
    }

    [Fact]
    public async Task The_kill_switch_stops_calls_before_they_leave()
    {
        var client = Client(enabled: false);

        var error = await Assert.ThrowsAsync<ExternalSystemUnavailableException>(
            () => client.PostAsync("/contacts", new { customerId = "C-5" }, "key-5", Cancel));

        Assert.Contains("switched off", error.Message, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    private WebhookClient Client(int maxRetries = 3, bool enabled = true)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ExternalSystems:Marketing:BaseUrl"] = _server.BaseAddress.ToString(),
            ["ExternalSystems:Marketing:SigningSecret"] = Secret,
            ["ExternalSystems:Marketing:Enabled"] = enabled.ToString(),
            ["ExternalSystems:Marketing:MaxRetryAttempts"] = maxRetries.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ExternalSystems:Marketing:RetryBaseDelay"] = "00:00:00.010",
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddWebhookClient("Marketing", configuration);
        return services.BuildServiceProvider().GetRequiredKeyedService<WebhookClient>("Marketing");
    }
}
