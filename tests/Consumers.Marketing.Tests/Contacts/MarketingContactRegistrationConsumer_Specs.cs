using Bus.Consumers.Marketing.Gateway;
using Bus.Consumers.Marketing.Tests.Infrastructure;
using Bus.Contracts.Customers;
using Bus.Messaging.Gateway;
using Bus.TestSupport;

namespace Bus.Consumers.Marketing.Tests.Contacts;

public sealed class MarketingContactRegistrationConsumer_Specs : IAsyncLifetime
{
    private MarketingHarness _service = null!;

    public async ValueTask InitializeAsync() => _service = await MarketingHarness.Start();

    public ValueTask DisposeAsync() => _service.DisposeAsync();

    [Fact]
    public async Task A_registration_records_the_contact_and_syncs_it_once_with_a_signed_call()
    {
        var id = await _service.Publish(Events.Registered("C-1", "ada@example.com", optIn: true, sequence: "100", version: 1));

        await _service.Processed(id);
        await Eventually.True(() => _service.Platform.Requests.Count == 1, "the platform received the sync");
        await _service.GatewayIdle();

        var contact = await _service.Contact("C-1");
        Assert.NotNull(contact);
        Assert.Equal(("ada@example.com", true, false, 1L, "100", 1L, "100", 1L, "100", 2L),
            (contact.Email, contact.MarketingOptIn, contact.Erased, contact.RegistrationVersion, contact.RegistrationSequence,
                contact.EmailVersion, contact.EmailSequence, contact.ConsentVersion, contact.ConsentSequence, contact.Revision));
        var command = Assert.Single(_service.Sent<SyncMarketingContact>());
        Assert.Equal(("C-1", "ada@example.com", true, 2L, "marketing-contact-sync:evt-C-1-100:CustomerRegistered"),
            (command.CustomerId, command.Email, command.MarketingOptIn, command.Revision, command.IdempotencyKey));
        Assert.Equal(new SourcePosition { StreamEventId = "evt-C-1-100", ItemVersion = 1, SequenceNumber = "100", ChangedAt = Events.ChangedAt },
            command.Source);

        var request = Assert.Single(_service.Platform.Requests);
        Assert.Equal(("POST", "/contacts", command.IdempotencyKey), (request.Method, request.Path, request.Key()));
        var timestamp = long.Parse(request.Headers["X-Bus-Timestamp"], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(WebhookSignature.Verify(PlatformRequests.SigningSecret, timestamp, request.Body, request.Headers["X-Bus-Signature"]));
        var body = request.Json();
        Assert.Equal(("C-1", "ada@example.com", true, 2L, "evt-C-1-100", 1L, "100"),
            (body.GetProperty("customerId").GetString(), body.GetProperty("email").GetString(), body.GetProperty("marketingOptIn").GetBoolean(),
                body.GetProperty("revision").GetInt64(), body.GetProperty("source").GetProperty("streamEventId").GetString(),
                body.GetProperty("source").GetProperty("itemVersion").GetInt64(), body.GetProperty("source").GetProperty("sequenceNumber").GetString()));
        var effect = Assert.Single(await _service.Effects("C-1"));
        Assert.Equal(command.IdempotencyKey, effect.IdempotencyKey);
        Assert.NotNull(effect.DeliveredAt);
    }

    [Fact]
    public async Task A_registration_without_consent_is_synced_as_opted_out_so_the_platform_knows_the_consent()
    {
        var id = await _service.Publish(Events.Registered("C-2", "bob@example.com", optIn: false));

        await _service.Processed(id);
        await Eventually.True(() => _service.Platform.Requests.Count == 1, "the platform received the sync");

        var body = Assert.Single(_service.Platform.Requests).Json();
        Assert.Equal(("C-2", "bob@example.com", false),
            (body.GetProperty("customerId").GetString(), body.GetProperty("email").GetString(), body.GetProperty("marketingOptIn").GetBoolean()));
    }

    [Fact]
    public async Task A_copy_of_a_registration_with_the_same_message_id_is_consumed_once()
    {
        var registered = Events.Registered("C-3", "cy@example.com", optIn: true);
        var id = await _service.Publish(registered);
        await _service.Publish(registered, id);

        await _service.Processed(id, copies: 2);
        await _service.GatewayIdle();

        Assert.Single(_service.Sent<SyncMarketingContact>());
        Assert.Single(_service.Platform.Requests);
    }

    [Fact]
    public async Task The_same_registration_under_another_message_id_changes_nothing_and_sends_nothing()
    {
        // A replay after the inbox forgot the first copy: the position, not the message id, recognises it.
        var registered = Events.Registered("C-4", "di@example.com", optIn: true);
        await _service.Processed(await _service.Publish(registered));
        await _service.Processed(await _service.Publish(registered));
        await _service.GatewayIdle();

        Assert.Single(_service.Sent<SyncMarketingContact>());
        Assert.Single(_service.Platform.Requests);
        Assert.Equal(2L, (await _service.Contact("C-4"))!.Revision);
    }

    [Fact]
    public async Task Customer_events_marketing_does_not_subscribe_to_are_not_consumed()
    {
        await _service.Publish(new CustomerPhoneChanged { Change = Events.Change("C-5", "200", 2, Contracts.ChangeKind.Modify), CustomerId = "C-5", Phone = "+1 555 0100" });
        await _service.Publish(new CustomerAddressChanged { Change = Events.Change("C-5", "201", 3, Contracts.ChangeKind.Modify), CustomerId = "C-5" });
        await _service.GatewayIdle();

        Assert.False(_service.Bus.Consumed.Select<CustomerPhoneChanged>().Any());
        Assert.False(_service.Bus.Consumed.Select<CustomerAddressChanged>().Any());
        Assert.Null(await _service.Contact("C-5"));
        Assert.Empty(_service.Platform.Requests);
    }
}
