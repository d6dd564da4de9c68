using System.Text;
using Bus.Consumers.Notifications.Tests.Infrastructure;
using Bus.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Bus.Consumers.Notifications.Tests.Integration;

/// <summary>External systems failing for a while or for good, on the real RabbitMQ and PostgreSQL.</summary>
[Trait("Category", "Integration")]
public sealed class ExternalFailure_Specs(ServerFixture servers)
{
    [Fact]
    public async Task An_external_system_failing_several_times_is_retried_then_the_effect_happens_exactly_once()
    {
        await using var stack = await RunningService.StartAsync(servers);
        var low = TestEvents.LowStock(TestEvents.NewId("P"));
        var key = $"notifications-purchasing-alert:{low.Change.StreamEventId}:LowStockDetected";
        stack.Respond = (k, before) => k == key && before < 3 ? 503 : 200;

        await stack.Handled(await stack.Publish(low));
        await Eventually.True(async () => await stack.Query(db => db.DeliveredEffects.AnyAsync(e => e.IdempotencyKey == key)), "the alert was delivered", 30);

        Assert.Equal([503, 503, 503, 200], stack.Answers[key].ToArray());
        Assert.All(stack.RequestsWith(key), r => Assert.Equal("/alerts", r.Path));
        Assert.Equal(1, await stack.Query(db => db.DeliveredEffects.CountAsync(e => e.IdempotencyKey == key)));
    }

    [Fact]
    public async Task A_permanently_rejected_command_lands_in_the_gateways_error_queue_with_the_reason_and_has_no_effect()
    {
        await using var stack = await RunningService.StartAsync(servers);
        var low = TestEvents.LowStock(TestEvents.NewId("P"));
        var key = $"notifications-purchasing-alert:{low.Change.StreamEventId}:LowStockDetected";
        stack.Respond = (k, _) => k == key ? 422 : 200;

        await stack.Handled(await stack.Publish(low));
        RabbitMQ.Client.BasicGetResult? faulted = null;
        await Eventually.True(async () => (faulted ??= await stack.Take(stack.Endpoints.PurchasingGateway + "_error")) is not null,
            "the command reached the error queue", 30);

        var headers = faulted!.BasicProperties.Headers!;
        Assert.Equal("Bus.Messaging.Gateway.PermanentExternalFailureException", Header(headers, "MT-Fault-ExceptionType"));
        Assert.Equal("Purchasing answered 422 Unprocessable Entity to POST /alerts", Header(headers, "MT-Fault-Message"));
        Assert.Contains(key, Encoding.UTF8.GetString(faulted.Body.Span), StringComparison.Ordinal);
        Assert.Equal([422], stack.Answers[key].ToArray());
        Assert.False(await stack.Query(db => db.DeliveredEffects.AnyAsync(e => e.IdempotencyKey == key)));
    }

    private static string? Header(IDictionary<string, object?> headers, string name) =>
        headers.TryGetValue(name, out var value) && value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : value?.ToString();
}
