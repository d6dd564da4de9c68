using Bus.Consumers.Marketing.Gateway;
using Bus.Consumers.Marketing.Tests.Infrastructure;
using Bus.TestSupport;

namespace Bus.Consumers.Marketing.Tests.Contacts;

public sealed class MarketingConsentChangeConsumer_Specs : IAsyncLifetime
{
    private MarketingHarness _service = null!;

    public async ValueTask InitializeAsync() => _service = await MarketingHarness.Start();

    public ValueTask DisposeAsync() => _service.DisposeAsync();

    [Fact]
    public async Task A_consent_withdrawal_is_recorded_and_synced_as_opted_out()
    {
        await _service.Processed(await _service.Publish(Events.Registered("C-1", "ada@example.com", optIn: true, "100", 1)));

        await _service.Processed(await _service.Publish(Events.ConsentChanged("C-1", optIn: false, "200", 2)));
        await Eventually.True(() => _service.Platform.Requests.Count == 2, "the platform received both syncs");

        var contact = await _service.Contact("C-1");
        Assert.Equal((false, "ada@example.com", 2L, "200"), (contact!.MarketingOptIn, contact.Email, contact.ConsentVersion, contact.ConsentSequence));
        var request = _service.Platform.Requests.Single(r => r.Key() == "marketing-contact-sync:evt-C-1-200:CustomerMarketingConsentChanged");
        Assert.Equal(("ada@example.com", false, 3L),
            (request.Json().GetProperty("email").GetString(), request.Json().GetProperty("marketingOptIn").GetBoolean(), request.Json().GetProperty("revision").GetInt64()));
    }

    [Fact]
    public async Task Without_item_versions_an_older_sequence_number_is_ignored_comparing_numbers_not_text()
    {
        await _service.Processed(await _service.Publish(Events.Registered("C-2", "bo@example.com", optIn: false, "9", version: null)));
        await _service.Processed(await _service.Publish(Events.ConsentChanged("C-2", optIn: true, "100", version: null)));

        await _service.Processed(await _service.Publish(Events.ConsentChanged("C-2", optIn: false, "99", version: null)));
        await _service.GatewayIdle();

        var contact = await _service.Contact("C-2");
        Assert.Equal((true, null, "100"), (contact!.MarketingOptIn, contact.ConsentVersion, contact.ConsentSequence));
        Assert.Equal(2, _service.Sent<SyncMarketingContact>().Count);
        Assert.Equal(2, _service.Platform.Requests.Count);
    }

    [Fact]
    public async Task Email_and_consent_changes_of_one_update_handled_together_end_in_a_sync_with_both()
    {
        await _service.Processed(await _service.Publish(Events.Registered("C-3", "old@example.com", optIn: false, "100", 1)));

        var ids = await Task.WhenAll(
            _service.Publish(Events.EmailChanged("C-3", "new@example.com", "200", 2)),
            _service.Publish(Events.ConsentChanged("C-3", optIn: true, "200", 2)));
        foreach (var id in ids)
            await _service.Processed(id);
        await _service.GatewayIdle();

        var contact = await _service.Contact("C-3");
        Assert.Equal(("new@example.com", true, 4L), (contact!.Email, contact.MarketingOptIn, contact.Revision));
        var last = _service.Sent<SyncMarketingContact>().MaxBy(x => x.Revision)!;
        Assert.Equal(("new@example.com", true, 4L), (last.Email, last.MarketingOptIn, last.Revision));
        Assert.Equal(3, _service.Platform.Requests.Count);
    }
}
