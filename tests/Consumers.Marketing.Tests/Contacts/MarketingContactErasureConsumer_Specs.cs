using Bus.Consumers.Marketing.Gateway;
using Bus.Consumers.Marketing.Tests.Infrastructure;
using Bus.TestSupport;

namespace Bus.Consumers.Marketing.Tests.Contacts;

public sealed class MarketingContactErasureConsumer_Specs : IAsyncLifetime
{
    private MarketingHarness _service = null!;

    public async ValueTask InitializeAsync() => _service = await MarketingHarness.Start();

    public ValueTask DisposeAsync() => _service.DisposeAsync();

    [Fact]
    public async Task A_deletion_erases_the_email_keeps_a_tombstone_and_erases_the_contact_on_the_platform()
    {
        await _service.Processed(await _service.Publish(Events.Registered("C-1", "ada@example.com", optIn: true, "100", 1)));
        // The sync first: a sync still waiting when the erasure is delivered is dropped on purpose.
        await Eventually.True(() => _service.Platform.Requests.Count == 1, "the registration was synced");

        await _service.Processed(await _service.Publish(Events.Deleted("C-1", "300", 3)));
        await Eventually.True(() => _service.Platform.Requests.Count == 2, "the platform received the erasure");

        var contact = await _service.Contact("C-1");
        Assert.Equal((null, false, true, Events.ChangedAt, 3L, "300", 3L),
            (contact!.Email, contact.MarketingOptIn, contact.Erased, contact.ErasedAt, contact.DeletionVersion, contact.DeletionSequence, contact.Revision));
        var erase = Assert.Single(_service.Sent<EraseMarketingContact>());
        Assert.Equal(("C-1", "marketing-contact-erase:evt-C-1-300:CustomerDeleted", 3L), (erase.CustomerId, erase.IdempotencyKey, erase.Revision));
        var request = _service.Platform.Requests.Last();
        Assert.Equal(("/contacts/erase", erase.IdempotencyKey, "C-1"), (request.Path, request.Key(), request.CustomerId()));
        Assert.False(request.Json().TryGetProperty("email", out _));
    }

    [Fact]
    public async Task A_deletion_of_an_unknown_customer_leaves_a_tombstone_and_still_erases_on_the_platform()
    {
        await _service.Processed(await _service.Publish(Events.Deleted("C-2", "300", 3)));
        await Eventually.True(() => _service.Platform.Requests.Count == 1, "the platform received the erasure");

        var contact = await _service.Contact("C-2");
        Assert.Equal((null, true, 3L), (contact!.Email, contact.Erased, contact.DeletionVersion));
        Assert.Equal("/contacts/erase", Assert.Single(_service.Platform.Requests).Path);
    }

    [Fact]
    public async Task A_registration_older_than_the_deletion_does_not_bring_the_contact_back()
    {
        await _service.Processed(await _service.Publish(Events.Deleted("C-3", "300", 3)));

        await _service.Processed(await _service.Publish(Events.Registered("C-3", "late@example.com", optIn: true, "100", 1)));
        await _service.GatewayIdle();

        var contact = await _service.Contact("C-3");
        Assert.Equal((null, false, true, null), (contact!.Email, contact.MarketingOptIn, contact.Erased, contact.RegistrationVersion));
        Assert.Empty(_service.Sent<SyncMarketingContact>());
        Assert.Equal("/contacts/erase", Assert.Single(_service.Platform.Requests).Path);
    }

    [Fact]
    public async Task The_same_deletion_under_another_message_id_sends_no_second_erasure()
    {
        var deleted = Events.Deleted("C-4", "300", 3);
        await _service.Processed(await _service.Publish(deleted));
        await _service.Processed(await _service.Publish(deleted));
        await _service.GatewayIdle();

        Assert.Single(_service.Sent<EraseMarketingContact>());
        Assert.Single(_service.Platform.Requests);
    }
}
