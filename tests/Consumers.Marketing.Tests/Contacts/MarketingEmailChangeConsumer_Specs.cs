using Bus.Consumers.Marketing.Gateway;
using Bus.Consumers.Marketing.Tests.Infrastructure;
using Bus.TestSupport;

namespace Bus.Consumers.Marketing.Tests.Contacts;

public sealed class MarketingEmailChangeConsumer_Specs : IAsyncLifetime
{
    private MarketingHarness _service = null!;

    public async ValueTask InitializeAsync() => _service = await MarketingHarness.Start();

    public ValueTask DisposeAsync() => _service.DisposeAsync();

    [Fact]
    public async Task An_email_change_updates_the_contact_and_syncs_it_with_the_current_consent()
    {
        await _service.Processed(await _service.Publish(Events.Registered("C-1", "old@example.com", optIn: true, "100", 1)));

        await _service.Processed(await _service.Publish(Events.EmailChanged("C-1", "new@example.com", "200", 2)));
        await _service.GatewayIdle();

        var contact = await _service.Contact("C-1");
        Assert.Equal(("new@example.com", true, 2L, "200", 1L, "100", 3L),
            (contact!.Email, contact.MarketingOptIn, contact.EmailVersion, contact.EmailSequence, contact.ConsentVersion, contact.ConsentSequence, contact.Revision));
        var sync = _service.Sent<SyncMarketingContact>().Single(x => x.IdempotencyKey == "marketing-contact-sync:evt-C-1-200:CustomerEmailChanged");
        Assert.Equal(("new@example.com", true, 3L), (sync.Email, sync.MarketingOptIn, sync.Revision));
        Assert.Equal(2, _service.Platform.Requests.Count);
    }

    [Fact]
    public async Task An_older_email_change_that_arrives_after_a_newer_one_is_ignored()
    {
        await _service.Processed(await _service.Publish(Events.Registered("C-2", "first@example.com", optIn: true, "100", 1)));
        await _service.Processed(await _service.Publish(Events.EmailChanged("C-2", "third@example.com", "300", 3)));

        await _service.Processed(await _service.Publish(Events.EmailChanged("C-2", "second@example.com", "200", 2)));
        await _service.GatewayIdle();

        var contact = await _service.Contact("C-2");
        Assert.Equal(("third@example.com", 3L, "300"), (contact!.Email, contact.EmailVersion, contact.EmailSequence));
        Assert.Equal(2, _service.Sent<SyncMarketingContact>().Count);
        Assert.DoesNotContain(_service.Platform.Requests, r => r.Key().Contains("evt-C-2-200", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_email_change_for_an_erased_contact_is_ignored()
    {
        await _service.Processed(await _service.Publish(Events.Registered("C-3", "gone@example.com", optIn: true, "100", 1)));
        // The sync first: a sync still waiting when the erasure is delivered is dropped on purpose.
        await Eventually.True(() => _service.Platform.Requests.Count == 1, "the registration was synced");
        await _service.Processed(await _service.Publish(Events.Deleted("C-3", "300", 2)));

        await _service.Processed(await _service.Publish(Events.EmailChanged("C-3", "back@example.com", "400", 3)));
        await _service.GatewayIdle();

        var contact = await _service.Contact("C-3");
        Assert.Equal((null, true, 2L), (contact!.Email, contact.Erased, contact.DeletionVersion));
        Assert.Single(_service.Sent<SyncMarketingContact>());
        Assert.Equal(["/contacts", "/contacts/erase"], _service.Platform.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task An_email_change_that_overtakes_the_registration_is_kept_and_the_registration_fills_in_only_the_consent()
    {
        await _service.Processed(await _service.Publish(Events.EmailChanged("C-4", "newer@example.com", "200", 2)));

        await _service.Processed(await _service.Publish(Events.Registered("C-4", "older@example.com", optIn: true, "100", 1)));
        await _service.GatewayIdle();

        var contact = await _service.Contact("C-4");
        Assert.Equal(("newer@example.com", true, 2L, 1L, 1L), (contact!.Email, contact.MarketingOptIn, contact.EmailVersion, contact.ConsentVersion, contact.RegistrationVersion));
        var last = _service.Sent<SyncMarketingContact>().Single(x => x.IdempotencyKey.EndsWith(":CustomerRegistered", StringComparison.Ordinal));
        Assert.Equal(("newer@example.com", true, 2L), (last.Email, last.MarketingOptIn, last.Revision));
    }
}
