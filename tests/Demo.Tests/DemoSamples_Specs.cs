using Bus.Demo.Composition;
using Bus.StandIns;

namespace Bus.Demo.Tests;

/// <summary>
/// The demo over samples/: what each external system must have received, derived from the sample records. Where two
/// records of one item sit in one batch, the services consume them concurrently and the outcome depends on which
/// commits first (e.g. a customer registered and deleted in one batch is synced and erased, or only erased); those
/// effects are asserted as "all of the pair or none", the rest exactly.
/// </summary>
public sealed class DemoSamples_Specs(SamplesRun run) : IClassFixture<SamplesRun>
{
    private static readonly SampleFacts Samples = SampleFacts.Read(SampleFacts.SamplesDirectory);

    private DemoOutcome Outcome => run.Outcome;

    [Fact]
    public void Every_record_is_published_every_message_consumed_and_nothing_fails()
    {
        var totals = Outcome.Totals;

        Assert.True(Outcome.Quiet);
        Assert.Empty(Outcome.Faults);
        Assert.Empty(Outcome.FailedRecords);
        Assert.Equal(Samples.Changes.Count, totals.Records);
        Assert.Equal(Directory.GetFiles(SampleFacts.SamplesDirectory, "*.json").Length, Outcome.Files.Count);
        // The Kinesis sample carries one change twice (a Kinesis duplicate); the bridge drops the copy.
        Assert.Equal(1, totals.Duplicates);
        Assert.Equal(totals.Records - totals.Duplicates, totals.Published);
        Assert.True(Outcome.Succeeded);
        Assert.All(Outcome.Services, service => Assert.True(service.Consumed > 0, $"{service.Service} consumed nothing"));
    }

    [Fact]
    public void The_external_systems_receive_no_call_twice_and_refuse_none()
    {
        Assert.All(StandInSystems.All.Select(system => Outcome.Effects[system]), system =>
        {
            Assert.Equal(0L, system.Duplicates);
            Assert.Equal((0L, 0L, 0L), (system.Rejected, system.Unauthorized, system.Invalid));
        });
    }

    [Fact]
    public void The_redelivered_batch_is_dropped_by_the_inboxes()
    {
        var again = Assert.IsType<Replay.RedeliveryOutcome>(Outcome.Redelivery);

        Assert.Equal("dynamodb-new-and-old-images.json", Path.GetFileName(again.File));
        Assert.Equal(Samples.Changes.Count(c => c.File == "dynamodb-new-and-old-images.json"), again.Totals.Records);
        Assert.True(again.Totals.Events > 0);
        // Every redelivered event reaches at least one service's inbox again; the Kinesis copies add more.
        Assert.True(Outcome.Services.Sum(s => s.DuplicatesDropped) >= again.Totals.Events,
            $"inboxes dropped {Outcome.Services.Sum(s => s.DuplicatesDropped)} copies, {again.Totals.Events} events were redelivered");
        Assert.All(Outcome.Services, service => Assert.True(service.DuplicatesDropped > 0, $"{service.Service}'s inbox dropped nothing"));
    }

    [Fact]
    public void Every_shipped_order_is_e_mailed_once_with_its_tracking_number()
    {
        var shipped = Samples.Of("Orders", "MODIFY").Where(c => c.NewValue("status") == "SHIPPED" && c.OldValue("status") != "SHIPPED").ToList();

        var emails = Outcome.Effects[StandInSystems.Email].Effects;

        Assert.Equal(shipped.Select(c => SampleFacts.EffectKey("notifications-shipment-email", c, "OrderShipped")).Order(), emails.Select(e => e.Key).Order());
        Assert.All(shipped, order =>
        {
            var email = Assert.Single(emails, e => e.Body.GetProperty("subject").GetString()!.Contains(order.NewValue("orderNumber")!, StringComparison.Ordinal));
            Assert.Contains(order.NewValue("trackingNumber")!, email.Body.GetProperty("text").GetString(), StringComparison.Ordinal);
            Assert.Contains(EmailsOf(order.NewValue("customerId")!), address => address == email.Body.GetProperty("to").GetString());
        });
    }

    [Fact]
    public void Every_delivered_order_is_texted_once_to_its_customers_phone()
    {
        var delivered = Samples.Of("Orders", "MODIFY").Where(c => c.NewValue("status") == "DELIVERED" && c.OldValue("status") != "DELIVERED").ToList();

        var texts = Outcome.Effects[StandInSystems.Sms].Effects;

        Assert.Equal(delivered.Select(c => SampleFacts.EffectKey("notifications-delivery-sms", c, "OrderDelivered")).Order(), texts.Select(e => e.Key).Order());
        Assert.All(delivered, order =>
        {
            var phone = Samples.Of("Customers", "INSERT").Single(c => c.Key("customerId") == order.NewValue("customerId")).NewValue("phone");
            var text = Assert.Single(texts, t => t.Body.GetProperty("text").GetString()!.Contains(order.NewValue("orderNumber")!, StringComparison.Ordinal));
            Assert.Equal(phone, text.Body.GetProperty("to").GetString());
        });
    }

    [Fact]
    public void Purchasing_is_alerted_once_per_product_whose_stock_falls_to_its_threshold()
    {
        var crossings = Samples.Of("Inventory", "MODIFY")
            .Where(c => long.Parse(c.OldValue("quantity")!) > long.Parse(c.OldValue("reorderThreshold")!)
                && long.Parse(c.NewValue("quantity")!) <= long.Parse(c.NewValue("reorderThreshold")!))
            .Select(c => (c.Key("productId"), long.Parse(c.NewValue("quantity")!), long.Parse(c.NewValue("reorderThreshold")!)))
            .Order()
            .ToList();

        var alerts = Outcome.Effects[StandInSystems.Purchasing].Effects
            .Select(e => (e.Body.GetProperty("productId").GetString()!, e.Body.GetProperty("quantity").GetInt64(), e.Body.GetProperty("threshold").GetInt64()))
            .Order()
            .ToList();

        Assert.Equal(2, crossings.Count);
        Assert.Equal(crossings, alerts);
    }

    [Fact]
    public void The_marketing_platform_erases_every_deleted_customer_once_and_syncs_every_registration_and_email_or_consent_change()
    {
        var deletions = Samples.Of("Customers", "REMOVE").ToList();
        var mustSync = Samples.Of("Customers", "INSERT").Where(c => !DeletedInSameBatch(c)).Select(c => SyncKey(c, "CustomerRegistered"))
            .Concat(Samples.Of("Customers", "MODIFY").Where(c => c.OldValue("email") != c.NewValue("email")).Select(c => SyncKey(c, "CustomerEmailChanged")))
            .Concat(Samples.Of("Customers", "MODIFY").Where(c => c.OldValue("marketingOptIn") != c.NewValue("marketingOptIn"))
                .Select(c => SyncKey(c, "CustomerMarketingConsentChanged")))
            .ToList();
        var maySync = Samples.Of("Customers", "INSERT").Where(DeletedInSameBatch).Select(c => SyncKey(c, "CustomerRegistered")).ToList();

        var platform = Outcome.Effects[StandInSystems.MarketingPlatform].Effects;
        var erased = platform.Where(e => e.Path == "/contacts/erase").Select(e => e.Key).Order();
        var synced = platform.Where(e => e.Path == "/contacts").Select(e => e.Key).ToList();

        Assert.Equal(deletions.Select(c => SampleFacts.EffectKey("marketing-contact-erase", c, "CustomerDeleted")).Order(), erased);
        Assert.Equal(5, mustSync.Count);
        Assert.Superset(mustSync.ToHashSet(), synced.ToHashSet());
        Assert.Subset(mustSync.Concat(maySync).ToHashSet(), synced.ToHashSet());
        Assert.Equal(synced.Count, synced.Distinct().Count());
    }

    [Fact]
    public void The_shipping_system_gets_every_address_once_a_shipment_per_placed_order_and_erasures_of_deleted_customers()
    {
        var registrations = Samples.Of("Customers", "INSERT").ToList();
        var addressChanges = Samples.Of("Customers", "MODIFY").Where(c => c.OldValue("address") != c.NewValue("address")).ToList();
        var placed = Samples.Of("Orders", "INSERT").ToList();
        var cancelled = Samples.Of("Orders", "MODIFY").Where(c => c.NewValue("status") == "CANCELLED").ToList();
        var deletions = Samples.Of("Customers", "REMOVE").Where(d => registrations.Any(r => r.Key("customerId") == d.Key("customerId"))).ToList();

        var keys = Outcome.Effects[StandInSystems.ShippingSystem].Effects.Select(e => e.Key).ToHashSet();
        bool Sent(SampleFacts.Change change, string effect, string type) => keys.Contains(SampleFacts.EffectKey(effect, change, type));

        Assert.Equal(keys.Count, Outcome.Effects[StandInSystems.ShippingSystem].Effects.Count);
        Assert.All(addressChanges, c => Assert.True(Sent(c, "shipping-address", "CustomerAddressChanged"), $"address change {c.EventId}"));
        foreach (var registration in registrations)
        {
            var customer = registration.Key("customerId");
            var laterChange = addressChanges.Any(c => c.Key("customerId") == customer && c.File == registration.File);
            var deletion = deletions.SingleOrDefault(d => d.Key("customerId") == customer);
            var pushed = Sent(registration, "shipping-address", "CustomerRegistered");
            if (deletion is not null && deletion.File == registration.File)
            {
                // Registered and deleted in one batch: pushed and erased, or (deletion first) neither.
                Assert.Equal(pushed, Sent(deletion, "shipping-address", "CustomerDeleted"));
            }
            else
            {
                // A newer address change in the same batch may be consumed first; the registration is then stale.
                Assert.True(pushed || laterChange, $"registration of {customer}");
                Assert.True(deletion is null || Sent(deletion, "shipping-address", "CustomerDeleted"), $"erasure of {customer}");
            }
        }

        foreach (var order in placed)
        {
            var cancellation = cancelled.SingleOrDefault(c => c.Key("orderId") == order.Key("orderId"));
            var requested = Sent(order, "shipping-shipment", "OrderPlaced");
            if (cancellation is null)
            {
                Assert.True(requested, $"shipment of {order.Key("orderId")}");
            }
            else
            {
                // Placed and cancelled in one batch: requested and cancelled, or (cancellation first) neither.
                Assert.Equal(requested, Sent(cancellation, "shipping-shipment-cancel", "OrderCancelled"));
            }
        }
    }

    [Fact]
    public void The_temporary_databases_are_removed_after_the_run()
    {
        Assert.False(Directory.Exists(Outcome.DataDirectory), $"{Outcome.DataDirectory} is still there");
        Assert.Equal(DemoServices.All, Outcome.Services.Select(s => s.Service));
    }

    private static IEnumerable<string?> EmailsOf(string customerId) =>
        Samples.Changes.Where(c => c.Table == "Customers" && c.Keys["customerId"] == customerId).Select(c => c.NewValue("email")).Where(e => e is not null);

    private static bool DeletedInSameBatch(SampleFacts.Change registration) =>
        Samples.Of("Customers", "REMOVE").Any(d => d.File == registration.File && d.Key("customerId") == registration.Key("customerId"));

    private static string SyncKey(SampleFacts.Change change, string type) => SampleFacts.EffectKey("marketing-contact-sync", change, type);
}
