using Bus.Consumers.Marketing.Gateway;
using Bus.Consumers.Marketing.Tests.Infrastructure;
using Bus.TestSupport;
using MassTransit;

namespace Bus.Consumers.Marketing.Tests.Gateway;

public sealed class MarketingPlatformErasureConsumer_Specs : IAsyncLifetime
{
    private MarketingHarness _service = null!;

    public async ValueTask InitializeAsync() => _service = await MarketingHarness.Start();

    public ValueTask DisposeAsync() => _service.DisposeAsync();

    [Fact]
    public async Task An_erasure_posts_the_customer_id_and_deletion_position_without_personal_data()
    {
        await _service.SendToGateway(Commands.Erase("E-1", "erase-1"));
        await Eventually.True(async () => (await _service.Effects("E-1")).Any(e => e.DeliveredAt != null), "the effect was recorded");

        var request = Assert.Single(_service.Platform.Requests);
        var body = request.Json();
        Assert.Equal(("/contacts/erase", "erase-1", "E-1", 3L, "evt-2"),
            (request.Path, request.Key(), body.GetProperty("customerId").GetString(), body.GetProperty("revision").GetInt64(),
                body.GetProperty("source").GetProperty("streamEventId").GetString()));
        Assert.Equal(["customerId", "revision", "source"], body.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task A_copy_of_an_erasure_is_not_posted_twice()
    {
        await _service.SendToGateway(Commands.Erase("E-2", "erase-2"));
        await Eventually.True(async () => (await _service.Effects("E-2")).Any(e => e.DeliveredAt != null), "the effect was recorded");
        await _service.SendToGateway(Commands.Erase("E-2", "erase-2"));
        await Eventually.True(() => _service.Bus.Consumed.Select<EraseMarketingContact>().Count() == 2, "the copy was consumed");
        await _service.GatewayIdle();

        Assert.Single(_service.Platform.Requests);
    }

    [Fact]
    public async Task A_rejected_erasure_faults_without_retry()
    {
        _service.Platform.Responder = _ => 400;

        await _service.SendToGateway(Commands.Erase("E-3", "erase-3"));
        Assert.True(await _service.Bus.Published.Any<Fault<EraseMarketingContact>>());

        Assert.Single(_service.Platform.Requests);
        Assert.Empty(await _service.Effects("E-3"));
    }
}
