using Bus.Consumers.Marketing.Gateway;
using Bus.Consumers.Marketing.Tests.Infrastructure;
using Bus.TestSupport;
using MassTransit;

namespace Bus.Consumers.Marketing.Tests.Gateway;

public sealed class MarketingPlatformSyncConsumer_Specs : IAsyncLifetime
{
    private MarketingHarness _service = null!;

    public async ValueTask InitializeAsync() => _service = await MarketingHarness.Start();

    public ValueTask DisposeAsync() => _service.DisposeAsync();

    [Fact]
    public async Task A_sync_posts_the_contact_and_records_the_delivered_effect()
    {
        await _service.SendToGateway(Commands.Sync("G-1", "key-1"));
        await Eventually.True(async () => (await _service.Effects("G-1")).Any(e => e.DeliveredAt != null), "the effect was recorded");

        var request = Assert.Single(_service.Platform.Requests);
        Assert.Equal(("/contacts", "key-1", "ada@example.com", true, 2L),
            (request.Path, request.Key(), request.Json().GetProperty("email").GetString(), request.Json().GetProperty("marketingOptIn").GetBoolean(),
                request.Json().GetProperty("revision").GetInt64()));
        Assert.Equal(("key-1", "G-1"), (Assert.Single(await _service.Effects("G-1")).IdempotencyKey, "G-1"));
    }

    [Fact]
    public async Task A_command_whose_key_was_delivered_before_is_not_sent_again_even_under_a_new_message_id()
    {
        await _service.SendToGateway(Commands.Sync("G-2", "key-2"));
        await Eventually.True(async () => (await _service.Effects("G-2")).Any(e => e.DeliveredAt != null), "the effect was recorded");

        await _service.SendToGateway(Commands.Sync("G-2", "key-2"));
        await Eventually.True(() => _service.Bus.Consumed.Select<SyncMarketingContact>().Count() == 2, "the copy was consumed");
        await _service.GatewayIdle();

        Assert.Single(_service.Platform.Requests);
        Assert.Single(await _service.Effects("G-2"));
    }

    [Fact]
    public async Task A_platform_that_fails_with_503_is_retried_with_the_same_key_until_one_call_succeeds()
    {
        var calls = 0;
        _service.Platform.Responder = _ => Interlocked.Increment(ref calls) <= 3 ? 503 : 200;

        await _service.SendToGateway(Commands.Sync("G-3", "key-3"));
        await Eventually.True(async () => (await _service.Effects("G-3")).Any(e => e.DeliveredAt != null), "the effect was recorded");

        Assert.Equal(4, _service.Platform.Requests.Count);
        Assert.All(_service.Platform.Requests, r => Assert.Equal("key-3", r.Key()));
        Assert.Single(await _service.Effects("G-3"));
    }

    [Fact]
    public async Task A_platform_that_rejects_the_call_with_422_faults_the_command_at_once_and_records_no_effect()
    {
        _service.Platform.Responder = _ => 422;

        await _service.SendToGateway(Commands.Sync("G-4", "key-4"));
        Assert.True(await _service.Bus.Published.Any<Fault<SyncMarketingContact>>());

        var fault = _service.Bus.Published.Select<Fault<SyncMarketingContact>>().Single().Context.Message;
        Assert.Equal("MarketingPlatform answered 422 Unprocessable Entity to POST /contacts", Assert.Single(fault.Exceptions).Message);
        Assert.Single(_service.Platform.Requests);
        Assert.Empty(await _service.Effects("G-4"));
    }

    [Fact]
    public async Task A_sync_for_a_contact_erased_in_the_meantime_is_skipped()
    {
        await _service.Processed(await _service.Publish(Events.Deleted("G-5", "300", 3)));
        await Eventually.True(() => _service.Platform.Requests.Count == 1, "the erasure was posted");

        await _service.SendToGateway(Commands.Sync("G-5", "key-5"));
        await Eventually.True(() => _service.Bus.Consumed.Select<SyncMarketingContact>().Any(), "the sync was consumed");
        await _service.GatewayIdle();

        Assert.Equal("/contacts/erase", Assert.Single(_service.Platform.Requests).Path);
        Assert.DoesNotContain(await _service.Effects("G-5"), e => e.IdempotencyKey == "key-5");
    }
}
