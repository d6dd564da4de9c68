using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Bus.StandIns.Client;
using Bus.StandIns.Faults;
using Bus.StandIns.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Bus.StandIns.Tests;

public sealed class StandInFault_Specs : IAsyncLifetime
{
    private readonly HttpClient _http = new();
    private StandInServer _server = null!;

    public async ValueTask InitializeAsync()
    {
        var options = StandInOptions.OnFreeLoopbackPorts();
        options.RandomSeed = 7;
        _server = await StandInServer.StartAsync(options, cancellationToken: TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_failure_rate_of_one_fails_every_request_with_the_injected_status_until_the_fault_is_cleared()
    {
        var control = Control();
        await control.SetFaultAsync(StandInSystems.Email, new FaultSettings { FailureRate = 1, StatusCode = 502 }, TestContext.Current.CancellationToken);

        var during = new[] { await Send(StandInSystems.Email, "email:1"), await Send(StandInSystems.Email, "email:2"), await Send(StandInSystems.Sms, "sms:1") };
        await control.ClearFaultAsync(StandInSystems.Email, TestContext.Current.CancellationToken);
        var after = await Send(StandInSystems.Email, "email:1");

        Assert.Equal([HttpStatusCode.BadGateway, HttpStatusCode.BadGateway, HttpStatusCode.OK], during);
        Assert.Equal(HttpStatusCode.OK, after);
        var email = await control.GetEffectsAsync(StandInSystems.Email, TestContext.Current.CancellationToken);
        Assert.Equal((1, 2L, 0L), (email.Performed, email.Rejected, email.Duplicates));
        Assert.Equal("email:1", Assert.Single(email.Effects).Key);
    }

    [Fact]
    public async Task A_failure_rate_of_one_half_fails_about_half_of_the_requests()
    {
        await Control().SetFaultAsync(StandInSystems.Sms, new FaultSettings { FailureRate = 0.5 }, TestContext.Current.CancellationToken);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 200; i++)
        {
            statuses.Add(await Send(StandInSystems.Sms, $"sms:{i}"));
        }

        var failed = statuses.Count(status => status == HttpStatusCode.ServiceUnavailable);
        var sms = _server.Effects.Snapshot(StandInSystems.Sms);
        // Binomial(200, 0.5) has a standard deviation of about 7: 60..140 is more than five of them either side.
        Assert.InRange(failed, 60, 140);
        Assert.Equal(200 - failed, statuses.Count(status => status == HttpStatusCode.OK));
        Assert.Equal((200 - failed, (long)failed), (sms.Performed, sms.Rejected));
    }

    [Fact]
    public async Task An_injected_delay_holds_each_request_and_then_performs_it()
    {
        await Control().SetFaultAsync(StandInSystems.Purchasing, new FaultSettings { DelayMs = 300 }, TestContext.Current.CancellationToken);

        var clock = Stopwatch.StartNew();
        var status = await Send(StandInSystems.Purchasing, "alert:slow");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.InRange(clock.ElapsedMilliseconds, 290, 5_000);
        var purchasing = _server.Effects.Snapshot(StandInSystems.Purchasing);
        Assert.Equal((1, 1L, 0L), (purchasing.Performed, purchasing.Delayed, purchasing.Rejected));
    }

    [Fact]
    public async Task A_caller_that_gives_up_during_an_injected_delay_is_counted_rejected_and_nothing_is_performed()
    {
        await Control().SetFaultAsync(StandInSystems.ShippingSystem, new FaultSettings { DelayMs = 10_000 }, TestContext.Current.CancellationToken);

        using var impatient = new HttpClient { Timeout = TimeSpan.FromMilliseconds(200) };
        using var request = SignedRequests.Post(_server.BaseUrlOf(StandInSystems.ShippingSystem), "/calls", "{}", _server.SigningSecretOf(StandInSystems.ShippingSystem), "address:1");
        await Assert.ThrowsAnyAsync<TaskCanceledException>(() => impatient.SendAsync(request, TestContext.Current.CancellationToken));

        await Bus.TestSupport.Eventually.True(() => _server.Effects.Snapshot(StandInSystems.ShippingSystem).Rejected == 1,
            "the stand-in counts the abandoned request as rejected", timeoutSeconds: 5);
        Assert.Equal(0, _server.Effects.Snapshot(StandInSystems.ShippingSystem).Performed);
    }

    [Fact]
    public async Task A_fault_with_an_end_time_stops_by_itself()
    {
        // The server's own clock decides when the fault ends, so a fake clock makes the test independent of how long the
        // first request takes on a loaded machine.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await StandInServer.StartAsync(StandInOptions.OnFreeLoopbackPorts(), time: clock, cancellationToken: TestContext.Current.CancellationToken);
        using var controlHttp = new HttpClient { BaseAddress = server.BaseUrlOf(StandInSystems.MarketingPlatform) };
        var control = new StandInsClient(controlHttp);
        await control.SetFaultAsync(StandInSystems.Email, new FaultSettings { FailureRate = 1, UntilUtc = clock.GetUtcNow().AddSeconds(30) }, TestContext.Current.CancellationToken);

        var before = await Send(server, StandInSystems.Email, "email:early");
        clock.Advance(TimeSpan.FromSeconds(31));
        var after = await Send(server, StandInSystems.Email, "email:late");

        Assert.Equal((HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK), (before, after));
        Assert.Empty(await _http.GetFromJsonAsync<Dictionary<string, object>>(new Uri(server.BaseUrlOf(StandInSystems.Email), "_faults"), TestContext.Current.CancellationToken) ?? []);
    }

    [Theory]
    [InlineData("""{"failureRate":1.5}""", "failureRate 1.5 is outside 0..1")]
    [InlineData("""{"failureRate":1,"statusCode":200}""", "statusCode 200 is not an error status")]
    [InlineData("""{"delayMs":-1}""", "delayMs -1 is outside")]
    [InlineData("""{"failureRate":"lots"}""", "not valid JSON")]
    public async Task Fault_settings_out_of_range_are_refused_with_400_and_change_nothing(string body, string message)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await _http.PutAsync(new Uri(_server.BaseUrlOf(StandInSystems.Email), "_faults/Email"), content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Null(_server.Faults.Active(StandInSystems.Email));
    }

    private StandInsClient Control() => new(new HttpClient { BaseAddress = _server.BaseUrlOf(StandInSystems.MarketingPlatform) });

    private Task<HttpStatusCode> Send(string system, string key) => Send(_server, system, key);

    private async Task<HttpStatusCode> Send(StandInServer server, string system, string key)
    {
        using var request = SignedRequests.Post(server.BaseUrlOf(system), "/calls", "{}", server.SigningSecretOf(system), key);
        using var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }
}
