using Bus.Contracts;
using Bus.Contracts.Customers;
using Bus.Contracts.Items;
using Bus.Contracts.Orders;
using Bus.StreamBridge.Configuration;
using Bus.StreamBridge.Decoding;
using Bus.StreamBridge.Enrichment;
using Bus.StreamBridge.Pipeline;
using Bus.StreamBridge.Records;
using Bus.StreamBridge.Routing;
using Bus.StreamBridge.Tests.Builders;
using Bus.StreamBridge.Translation;
using Microsoft.Extensions.Options;

namespace Bus.StreamBridge.Tests.Pipeline;

public class ChangeProcessorTests
{
    [Fact]
    public async Task Every_event_carries_the_metadata_of_its_record()
    {
        var record = Fixture.Record("order-shipped.json");

        var result = await Processor().TranslateAsync(record, TestContext.Current.CancellationToken);

        var expected = new ChangeMetadata
        {
            SourceTable = "Orders",
            StreamEventId = "c0ffee00000000000000000000000030",
            SequenceNumber = "4421584500000000017450446091",
            ApproximateCreationTime = DateTimeOffset.FromUnixTimeSeconds(1793000049),
            EntityKey = "orderId=O-5001",
            ItemVersion = 3,
            ChangeKind = ChangeKind.Modify,
            Source = ChangeSource.DynamoDbStreams,
        };
        Assert.Equal(ChangeOutcome.Translated, result.Outcome);
        Assert.Equal([typeof(OrderStatusChanged), typeof(OrderShipped)], result.Events.Select(e => e.Message.GetType()));
        Assert.All(result.Events, e => Assert.Equal(expected, e.Message.Change));
    }

    [Fact]
    public async Task A_record_whose_images_were_left_for_later_is_refused_rather_than_translated_as_if_it_had_none()
    {
        var whole = Fixture.Record("order-shipped.json");
        var header = ChangeRecordDecoder.DecodeDeferringImages(new RecordSlice(whole.Position, whole.Raw));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Processor().TranslateAsync(header, TestContext.Current.CancellationToken).AsTask());

        Assert.Contains("DecodeFully", error.Message, StringComparison.Ordinal);
        var translated = await Processor().TranslateAsync(header.DecodeFully(), TestContext.Current.CancellationToken);
        Assert.Equal([typeof(OrderStatusChanged), typeof(OrderShipped)], translated.Events.Select(e => e.Message.GetType()));
    }

    [Fact]
    public async Task Message_ids_derive_from_event_id_type_and_ordinal()
    {
        var record = Fixture.Record("order-shipped.json");

        var result = await Processor().TranslateAsync(record, TestContext.Current.CancellationToken);

        Assert.Equal(
            [MessageIds.For(record.EventId, typeof(OrderStatusChanged), 0), MessageIds.For(record.EventId, typeof(OrderShipped), 1)],
            result.Events.Select(e => e.MessageId));
    }

    [Fact]
    public async Task A_remove_takes_the_item_version_from_the_old_image()
    {
        var record = Fixture.Record("customer-removes.json", 0);

        var result = await Processor().TranslateAsync(record, TestContext.Current.CancellationToken);

        var deleted = Assert.IsType<CustomerDeleted>(Assert.Single(result.Events).Message);
        Assert.Equal(3, deleted.Change.ItemVersion);
        Assert.Equal(ChangeKind.Remove, deleted.Change.ChangeKind);
        Assert.True(deleted.ExpiredByTtl);
    }

    [Fact]
    public async Task A_kinesis_record_reports_its_source_and_kinesis_sequence_number()
    {
        var record = Fixture.Record("kinesis-precisions.json", 0);

        var result = await Processor().TranslateAsync(record, TestContext.Current.CancellationToken);

        var change = Assert.Single(result.Events).Message.Change;
        Assert.Equal(ChangeSource.KinesisDataStreams, change.Source);
        Assert.Equal("49590338271490256608559692538361571095921575989136588803", change.SequenceNumber);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1793000021123).AddTicks(4560), change.ApproximateCreationTime);
    }

    [Fact]
    public async Task A_configured_version_attribute_is_used()
    {
        var record = ChangeRecords.Change("Customers", Key("C-1"), newImage: Attr.Item(("customerId", Attr.S("C-1")), ("rev", Attr.N("12"))));
        var processor = Processor(new TableOptions { Translator = "Customers", VersionAttribute = "rev" });

        var result = await processor.TranslateAsync(record, TestContext.Current.CancellationToken);

        Assert.Equal(12, Assert.Single(result.Events).Message.Change.ItemVersion);
    }

    [Fact]
    public async Task An_item_without_a_version_has_a_null_item_version()
    {
        var record = ChangeRecords.Change("Customers", Key("C-1"), newImage: Attr.Item(("customerId", Attr.S("C-1"))));

        var result = await Processor().TranslateAsync(record, TestContext.Current.CancellationToken);

        Assert.Null(Assert.Single(result.Events).Message.Change.ItemVersion);
    }

    [Fact]
    public async Task A_version_of_the_wrong_type_is_a_translation_error()
    {
        var record = ChangeRecords.Change("Customers", Key("C-1"), newImage: Attr.Item(("customerId", Attr.S("C-1")), ("version", Attr.S("3"))));

        var error = await Assert.ThrowsAsync<TranslationException>(() => Processor().TranslateAsync(record, TestContext.Current.CancellationToken).AsTask());

        Assert.Equal("attribute 'version' is S; the table's schema has N", error.Message);
    }

    [Fact]
    public async Task An_unconfigured_table_is_unrouted()
    {
        var record = ChangeRecords.Change("Invoices", Key("C-1"), newImage: Attr.Item(("customerId", Attr.S("C-1"))));

        var result = await Processor().TranslateAsync(record, TestContext.Current.CancellationToken);

        Assert.Same(TranslatedChange.Unrouted, result);
    }

    [Fact]
    public async Task A_modify_that_changes_nothing_of_interest_is_translated_into_no_events()
    {
        var record = Fixture.Record("customer-address-reordered.json");

        var result = await Processor().TranslateAsync(record, TestContext.Current.CancellationToken);

        Assert.Equal(ChangeOutcome.Translated, result.Outcome);
        Assert.Empty(result.Events);
    }

    [Fact]
    public async Task The_generic_event_follows_the_domain_events()
    {
        var record = Fixture.Record("order-shipped.json");
        var processor = Processor(new TableOptions { Translator = "Orders", PublishItemChanged = true }, table: "Orders");

        var result = await processor.TranslateAsync(record, TestContext.Current.CancellationToken);

        Assert.Equal([typeof(OrderStatusChanged), typeof(OrderShipped), typeof(ItemChanged)], result.Events.Select(e => e.Message.GetType()));
        Assert.Equal(MessageIds.For(record.EventId, typeof(ItemChanged), 2), result.Events[2].MessageId);
    }

    [Fact]
    public async Task A_keys_only_insert_without_enrichment_fails_naming_the_view_type_needed()
    {
        var record = ChangeRecords.Change("Customers", Key("C-1"), viewType: StreamViewType.KeysOnly);

        var error = await Assert.ThrowsAsync<TranslationException>(() => Processor().TranslateAsync(record, TestContext.Current.CancellationToken).AsTask());

        Assert.Equal("translator Customers needs stream view type NEW_IMAGE or NEW_AND_OLD_IMAGES for INSERT records; this record's stream is KEYS_ONLY", error.Message);
    }

    [Fact]
    public async Task A_keys_only_insert_is_enriched_with_GetItem_when_configured()
    {
        var record = ChangeRecords.Change("Customers", Key("C-1"), viewType: StreamViewType.KeysOnly);
        var reader = new StubItemReader(Attr.Item(("customerId", Attr.S("C-1")), ("email", Attr.S("ada@example.com")), ("version", Attr.N("5"))));
        var processor = Processor(new TableOptions { Translator = "Customers", Enrichment = EnrichmentMode.GetItem }, reader: reader);

        var result = await processor.TranslateAsync(record, TestContext.Current.CancellationToken);

        var registered = Assert.IsType<CustomerRegistered>(Assert.Single(result.Events).Message);
        Assert.Equal("ada@example.com", registered.Email);
        Assert.Equal(5, registered.Change.ItemVersion);
        Assert.Equal(("Customers", "customerId=C-1"), reader.LastRequest);
    }

    [Fact]
    public async Task An_item_deleted_before_enrichment_is_reported_as_gone()
    {
        var record = ChangeRecords.Change("Customers", Key("C-1"), viewType: StreamViewType.KeysOnly);
        var processor = Processor(new TableOptions { Translator = "Customers", Enrichment = EnrichmentMode.GetItem }, reader: new StubItemReader(null));

        var result = await processor.TranslateAsync(record, TestContext.Current.CancellationToken);

        Assert.Same(TranslatedChange.ItemGone, result);
    }

    [Fact]
    public async Task A_modify_without_an_old_image_cannot_be_enriched()
    {
        var record = ChangeRecords.Change("Customers", Key("C-1"), newImage: Attr.Item(("customerId", Attr.S("C-1"))), kind: ChangeKind.Modify, viewType: StreamViewType.NewImage);
        var processor = Processor(new TableOptions { Translator = "Customers", Enrichment = EnrichmentMode.GetItem }, reader: new StubItemReader(null));

        var error = await Assert.ThrowsAsync<TranslationException>(() => processor.TranslateAsync(record, TestContext.Current.CancellationToken).AsTask());

        Assert.Equal("translator Customers needs stream view type NEW_AND_OLD_IMAGES for MODIFY records; this record's stream is NEW_IMAGE", error.Message);
    }

    [Fact]
    public async Task A_translator_bug_becomes_a_translation_error_naming_the_translator()
    {
        var record = ChangeRecords.Change("Customers", Key("C-1"), newImage: Attr.Item(("customerId", Attr.S("C-1"))));
        var router = Router(new TableOptions { Translator = "Throwing" }, "Customers", new ThrowingTranslator());
        var processor = new ChangeProcessor(router, new ItemChangedTranslator());

        var error = await Assert.ThrowsAsync<TranslationException>(() => processor.TranslateAsync(record, TestContext.Current.CancellationToken).AsTask());

        Assert.Equal("translator Throwing threw InvalidOperationException", error.Message);
        Assert.IsType<InvalidOperationException>(error.InnerException);
    }

    private static AttributeMap Key(string customerId) => Attr.Item(("customerId", Attr.S(customerId)));

    private static ChangeProcessor Processor(TableOptions? options = null, string table = "Customers", IItemReader? reader = null)
    {
        var router = options is null
            ? new TableRouter(
                Options.Create(new BridgeOptions
                {
                    Tables =
                    {
                        ["Customers"] = new TableOptions { Translator = "Customers" },
                        ["Orders"] = new TableOptions { Translator = "Orders" },
                        ["Inventory"] = new TableOptions { Translator = "Inventory" },
                    },
                }),
                AllTranslators())
            : Router(options, table);
        return new ChangeProcessor(router, new ItemChangedTranslator(), reader);
    }

    private static TableRouter Router(TableOptions options, string table, params IChangeTranslator[] extra) =>
        new(Options.Create(new BridgeOptions { Tables = { [table] = options } }), [.. AllTranslators(), .. extra]);

    private static IChangeTranslator[] AllTranslators() =>
        [new CustomersTranslator(), new OrdersTranslator(), new InventoryTranslator(), new ItemChangedTranslator()];

    private sealed class StubItemReader(AttributeMap? item) : IItemReader
    {
        public (string Table, string Key)? LastRequest { get; private set; }

        public Task<AttributeMap?> GetItemAsync(string tableName, AttributeMap keys, CancellationToken cancellationToken)
        {
            LastRequest = (tableName, ItemKeys.Render(keys));
            return Task.FromResult(item);
        }
    }

    private sealed class ThrowingTranslator : IChangeTranslator
    {
        public string Name => "Throwing";

        public TranslatorRequirements Requirements => TranslatorRequirements.None;

        public void Translate(in ChangeInput change, ICollection<IChangeEvent> events) => throw new InvalidOperationException("bug");
    }
}
