using System.Net;
using System.Text.Json;
using Bus.Messaging.Gateway;
using Bus.StandIns.Client;
using Bus.StandIns.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bus.StandIns.Tests;

public sealed class StandInServer_Specs : IAsyncLifetime
{
    private readonly HttpClient _http = new();
    private StandInServer _server = null!;

    public async ValueTask InitializeAsync() =>
        _server = await StandInServer.StartAsync(StandInOptions.OnFreeLoopbackPorts(), cancellationToken: TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_call_from_the_services_webhook_client_is_performed_and_listed_with_its_body()
    {
        var email = WebhookClientFor(StandInSystems.Email);

        await email.PostAsync("/emails", new { to = "ada@example.com", subject = "Shipped" }, "email:order-1", TestContext.Current.CancellationToken);

        var effects = await Control().GetEffectsAsync(TestContext.Current.CancellationToken);
        var recorded = Assert.Single(effects[StandInSystems.Email].Effects);
        Assert.Equal(("Email", "email:order-1", "/emails"), (recorded.System, recorded.Key, recorded.Path));
        Assert.Equal("ada@example.com", recorded.Body.GetProperty("to").GetString());
        Assert.Equal("Shipped", recorded.Body.GetProperty("subject").GetString());
        Assert.Equal(1, effects[StandInSystems.Email].Performed);
        Assert.Equal(1, effects.TotalPerformed);
        Assert.InRange(recorded.ReceivedUtc, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddSeconds(1));
    }

    [Fact]
    public async Task A_request_signed_with_another_secret_is_refused_with_401_and_not_performed()
    {
        using var request = SignedRequests.Post(_server.BaseUrlOf(StandInSystems.Sms), "/sms", """{"to":"+4470000"}""", "not-the-sms-secret-at-all", "sms:1");

        using var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var sms = _server.Effects.Snapshot(StandInSystems.Sms);
        Assert.Equal((0, 1L), (sms.Performed, sms.Unauthorized));
    }

    [Fact]
    public async Task A_body_altered_after_signing_is_refused_with_401()
    {
        var secret = _server.SigningSecretOf(StandInSystems.Purchasing);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var signatureOfOtherBody = WebhookSignature.Compute(secret, timestamp, """{"sku":"A"}"""u8);
        using var request = SignedRequests.Post(_server.BaseUrlOf(StandInSystems.Purchasing), "/alerts", """{"sku":"B"}""", secret, "alert:1",
            DateTimeOffset.FromUnixTimeSeconds(timestamp), signatureOfOtherBody);

        using var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, _server.Effects.Snapshot(StandInSystems.Purchasing).Performed);
    }

    [Fact]
    public async Task A_correct_signature_on_an_old_timestamp_is_refused_as_a_replay()
    {
        var system = StandInSystems.ShippingSystem;
        using var request = SignedRequests.Post(_server.BaseUrlOf(system), "/addresses", "{}", _server.SigningSecretOf(system), "address:1",
            signedAt: DateTimeOffset.UtcNow.AddMinutes(-6));

        using var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("replay", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_without_an_idempotency_key_is_refused_with_400()
    {
        var system = StandInSystems.MarketingPlatform;
        using var request = SignedRequests.Post(_server.BaseUrlOf(system), "/contacts", "{}", _server.SigningSecretOf(system), idempotencyKey: null);

        using var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Idempotency-Key", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        var marketing = _server.Effects.Snapshot(system);
        Assert.Equal((0, 1L), (marketing.Performed, marketing.Invalid));
    }

    [Fact]
    public async Task A_repeated_idempotency_key_is_answered_like_the_first_and_counted_as_one_duplicate()
    {
        var system = StandInSystems.MarketingPlatform;
        var statuses = new List<HttpStatusCode>();
        foreach (var body in new[] { """{"n":1}""", """{"n":2}""" })
        {
            using var request = SignedRequests.Post(_server.BaseUrlOf(system), "/contacts", body, _server.SigningSecretOf(system), "contact:42");
            using var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK], statuses);
        var marketing = await Control().GetEffectsAsync(system, TestContext.Current.CancellationToken);
        Assert.Equal((1, 1L), (marketing.Performed, marketing.Duplicates));
        Assert.Equal(1, Assert.Single(marketing.Effects).Body.GetProperty("n").GetInt32());
    }

    [Fact]
    public async Task Concurrent_requests_with_one_key_perform_it_once()
    {
        var system = StandInSystems.Sms;
        var sends = Enumerable.Range(0, 20).Select(async _ =>
        {
            using var request = SignedRequests.Post(_server.BaseUrlOf(system), "/sms", "{}", _server.SigningSecretOf(system), "sms:race");
            using var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);
            return response.StatusCode;
        });

        var statuses = await Task.WhenAll(sends);

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        var sms = _server.Effects.Snapshot(system);
        Assert.Equal((1, 19L), (sms.Performed, sms.Duplicates));
    }

    [Fact]
    public async Task Reset_forgets_effects_and_counters_so_an_old_key_performs_again()
    {
        var email = WebhookClientFor(StandInSystems.Email);
        await email.PostAsync("/emails", new { n = 1 }, "email:reset", TestContext.Current.CancellationToken);
        await email.PostAsync("/emails", new { n = 1 }, "email:reset", TestContext.Current.CancellationToken);

        await Control(StandInSystems.Sms).ResetEffectsAsync(TestContext.Current.CancellationToken);
        var afterReset = _server.Effects.Snapshot(StandInSystems.Email);
        await email.PostAsync("/emails", new { n = 1 }, "email:reset", TestContext.Current.CancellationToken);

        Assert.Equal((0, 0L), (afterReset.Performed, afterReset.Duplicates));
        Assert.Equal(1, _server.Effects.Snapshot(StandInSystems.Email).Performed);
    }

    [Fact]
    public async Task The_effects_listing_names_every_system_with_its_counts_in_plain_json()
    {
        await WebhookClientFor(StandInSystems.Purchasing).PostAsync("/alerts", new { sku = "SKU-1" }, "alert:SKU-1", TestContext.Current.CancellationToken);

        var json = await _http.GetStringAsync(new Uri(_server.BaseUrlOf(StandInSystems.Email), "_effects"), TestContext.Current.CancellationToken);

        using var document = JsonDocument.Parse(json);
        var systems = document.RootElement.GetProperty("systems");
        Assert.Equal(StandInSystems.All, systems.EnumerateObject().Select(p => p.Name));
        var purchasing = systems.GetProperty("Purchasing");
        Assert.Equal(1, purchasing.GetProperty("performed").GetInt32());
        Assert.Equal(0, purchasing.GetProperty("duplicates").GetInt32());
        Assert.Equal(0, purchasing.GetProperty("rejected").GetInt32());
        var effect = Assert.Single(purchasing.GetProperty("effects").EnumerateArray().ToList());
        Assert.Equal("alert:SKU-1", effect.GetProperty("key").GetString());
        Assert.Equal("/alerts", effect.GetProperty("path").GetString());
        Assert.Equal("SKU-1", effect.GetProperty("body").GetProperty("sku").GetString());
        Assert.True(effect.TryGetProperty("receivedUtc", out _));
    }

    [Fact]
    public async Task The_counts_give_every_systems_counters_without_the_effects()
    {
        var sms = WebhookClientFor(StandInSystems.Sms);
        await sms.PostAsync("/sms", new { to = "+1" }, "sms:counted", TestContext.Current.CancellationToken);
        await sms.PostAsync("/sms", new { to = "+1" }, "sms:counted", TestContext.Current.CancellationToken);

        var json = await _http.GetStringAsync(new Uri(_server.BaseUrlOf(StandInSystems.Email), "_effects/counts"), TestContext.Current.CancellationToken);
        var counts = await Control().GetCountsAsync(TestContext.Current.CancellationToken);

        using var document = JsonDocument.Parse(json);
        var systems = document.RootElement.GetProperty("systems");
        Assert.Equal(StandInSystems.All, systems.EnumerateObject().Select(p => p.Name));
        Assert.False(systems.GetProperty("Sms").TryGetProperty("effects", out _));
        Assert.Equal(new Recording.SystemCounts("Sms", 1, 1, 0, 0, 0, 0), counts[StandInSystems.Sms]);
        Assert.Equal(new Recording.SystemCounts("Email", 0, 0, 0, 0, 0, 0), counts[StandInSystems.Email]);
        Assert.Equal(1, counts.TotalPerformed);
    }

    [Fact]
    public async Task An_unknown_system_in_the_control_api_is_answered_404_naming_the_known_ones()
    {
        using var response = await _http.GetAsync(new Uri(_server.BaseUrlOf(StandInSystems.Email), "_effects/Fax"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("MarketingPlatform, ShippingSystem, Email, Sms, Purchasing", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_answers_on_every_port_with_the_system_it_stands_in_for()
    {
        foreach (var system in StandInSystems.All)
        {
            var json = await _http.GetStringAsync(new Uri(_server.BaseUrlOf(system), "health"), TestContext.Current.CancellationToken);
            Assert.Equal($$"""{"status":"Healthy","system":"{{system}}"}""", json);
        }
    }

    private StandInsClient Control(string system = StandInSystems.Email) => new(new HttpClient { BaseAddress = _server.BaseUrlOf(system) });

    private WebhookClient WebhookClientFor(string system)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(_server.ExternalSystemsConfiguration()).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddWebhookClient(system, configuration);
        return services.BuildServiceProvider().GetRequiredKeyedService<WebhookClient>(system);
    }
}
