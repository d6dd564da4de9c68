using System.Collections.Concurrent;
using Bus.Consumers.Marketing.Tests.Infrastructure;
using Bus.Contracts.Customers;
using Bus.TestSupport;

namespace Bus.Consumers.Marketing.Tests.Contacts;

/// <summary>The service's logs, at every level, name customers by id only: no e-mail address, name, phone number or postal address.</summary>
public sealed class PersonalDataInLogs_Specs : IAsyncLifetime
{
    private MarketingHarness _service = null!;

    public async ValueTask InitializeAsync() => _service = await MarketingHarness.Start(webhookRetries: 2);

    public ValueTask DisposeAsync() => _service.DisposeAsync();

    [Fact]
    public async Task A_contacts_whole_life_with_failing_platform_calls_logs_no_personal_data()
    {
        // Each kind of platform call fails once before it succeeds, so the retry and failure paths log too.
        var failed = new ConcurrentDictionary<string, bool>();
        _service.Platform.Responder = r => failed.TryAdd(r.Path, true) ? 503 : 200;

        // Marketing keeps no address, but the registration carries one: it must not reach a log either.
        var address = new PostalAddress { Street = "12 Crescent Road", City = "London", PostalCode = "NW1 6XE", Country = "GB" };
        await _service.Processed(await _service.Publish(Events.Registered("C-1", "ada@example.com", optIn: true, "100", 1) with { Address = address }));
        await _service.Processed(await _service.Publish(Events.EmailChanged("C-1", "ada.changed@example.com", "200", 2)));
        await _service.Processed(await _service.Publish(Events.ConsentChanged("C-1", optIn: false, "300", 3)));
        await _service.Processed(await _service.Publish(Events.Deleted("C-1", "400", 4)));
        await Eventually.True(() => _service.Platform.Requests.Count(r => r.Path == "/contacts/erase") == 2, "the platform erased the contact on the second attempt");
        await _service.GatewayIdle();

        Assert.Equal(["/contacts", "/contacts/erase"], failed.Keys.Order(StringComparer.Ordinal));
        _service.Logs.AssertNoLineContains("ada@example.com", "ada.changed@example.com", "Ada Lovelace", "+44 20 7946 0000", "+442079460000", "12 Crescent Road", "NW1 6XE");
    }
}
