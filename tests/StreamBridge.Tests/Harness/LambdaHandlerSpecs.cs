using System.Text;
using System.Text.Json.Nodes;
using Bus.Contracts;
using Bus.Contracts.Customers;
using Bus.Contracts.Inventory;
using Bus.Contracts.Orders;
using Bus.StreamBridge.Decoding;
using Bus.StreamBridge.Hosting;
using Bus.StreamBridge.Pipeline;
using Bus.StreamBridge.Publishing;
using Bus.StreamBridge.Records;
using Bus.StreamBridge.Tests.Builders;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Bus.StreamBridge.Tests.Harness;

/// <summary>What the Lambda handler publishes, through the real registration on MassTransit's test harness.</summary>
public sealed class LambdaHandlerSpecs
{
    private const string FullSample = "dynamodb-new-and-old-images.json";

    // Position k of the full sample has sequence number 4421584500000000017450439091 + 1000 * (k + 1).
    private static string Sequence(int position) => (4421584500000000017450439091m + (1000m * (position + 1))).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Handler_publishes_every_event_of_the_batch_and_reports_no_failures()
    {
        await using var provider = BridgeHarness.Create();
        var harness = await StartAsync(provider);

        var response = await Handle(provider, BridgeHarness.Sample(FullSample));

        Assert.Equal("""{"batchItemFailures":[]}""", response);
        var published = harness.Published.Select(_ => true).ToList();
        Assert.Equal(24, published.Count);
        Assert.Equal(2, harness.Published.Select<CustomerRegistered>().Count());
        Assert.Equal(6, harness.Published.Select<StockLevelChanged>().Count());
        Assert.Equal(2, harness.Published.Select<LowStockDetected>().Count());
        Assert.Equal(4, harness.Published.Select<OrderStatusChanged>().Count());
        var shipped = Assert.Single(harness.Published.Select<OrderShipped>()).Context.Message;
        Assert.Equal(("O-5001", "1Z999AA10123456784", "UPS", new DateOnly(2026, 12, 2)),
            (shipped.OrderId, shipped.TrackingNumber, shipped.Carrier, shipped.EstimatedDelivery));
        Assert.Equal(Sequence(10), shipped.Change.SequenceNumber);
    }

    [Fact]
    public async Task Replaying_a_batch_publishes_identical_message_ids()
    {
        var first = await PublishedIds(FullSample);
        var second = await PublishedIds(FullSample);

        Assert.Equal(24, first.Count);
        Assert.Equal(first, second);
    }

    /// <summary>On one processor the splitter decodes each record (without its images) where it finds it, instead of
    /// the thread pool decoding the records while the batch is split; the handler answers and publishes the same.</summary>
    [Theory]
    [InlineData("dynamodb-new-and-old-images.json")]
    [InlineData("dynamodb-keys-only.json")]
    [InlineData("dynamodb-new-image.json")]
    [InlineData("dynamodb-old-image.json")]
    [InlineData("dynamodb-ttl-expiry.json")]
    [InlineData("kinesis-data-streams.json")]
    [InlineData("../Fixtures/Streams/batch-with-malformed-record.json")]
    public async Task Decoding_where_the_splitter_finds_records_answers_and_publishes_as_decoding_in_parallel(string sample)
    {
        var inParallel = await HandledWith(sample, decodeInParallel: true);
        var inPlace = await HandledWith(sample, decodeInParallel: false);

        Assert.NotEmpty(inParallel.Published);
        Assert.Equal(inParallel.Response, inPlace.Response);
        Assert.Equal(inParallel.Published, inPlace.Published);
    }

    private static async Task<(string Response, List<string> Published)> HandledWith(string sample, bool decodeInParallel)
    {
        await using var provider = BridgeHarness.Create();
        var harness = await StartAsync(provider);
        var handler = provider.GetRequiredService<StreamBatchHandler>();
        handler.DecodeInParallel = decodeInParallel;

        var response = await BridgeHarness.ReadAllAsync(await handler.HandleAsync(BridgeHarness.Sample(sample), Cancel));

        var published = harness.Published.Select(_ => true)
            .Select(m => $"{m.MessageType.Name} {m.Context.MessageId} {System.Text.Json.JsonSerializer.Serialize(m.MessageObject, m.MessageType)}")
            // Items are published in parallel, so only each item's own order is fixed (checked by the ordering specs).
            .Order(StringComparer.Ordinal)
            .ToList();
        return (response, published);
    }

    [Fact]
    public async Task Message_ids_are_the_deterministic_ids_of_event_type_and_ordinal()
    {
        await using var provider = BridgeHarness.Create();
        var harness = await StartAsync(provider);

        await Handle(provider, BridgeHarness.Sample(FullSample));

        foreach (var message in harness.Published.Select(_ => true))
        {
            var change = ((IChangeEvent)message.MessageObject).Change;
            var siblings = harness.Published.Select(_ => true)
                .Where(m => ((IChangeEvent)m.MessageObject).Change.StreamEventId == change.StreamEventId)
                .Select(m => m.Context.MessageId!.Value).ToList();
            var ordinal = siblings.IndexOf(message.Context.MessageId!.Value);
            Assert.Equal(MessageIds.For(change.StreamEventId, message.MessageType, ordinal), message.Context.MessageId);
        }
    }

    [Fact]
    public async Task Kinesis_duplicates_are_published_once_with_the_ids_of_the_same_changes_on_dynamodb_streams()
    {
        var streamIds = await PublishedIds(FullSample);
        await using var provider = BridgeHarness.Create();
        var harness = await StartAsync(provider);

        var result = await Process(provider, "kinesis-data-streams.json");

        Assert.Equal((7, 6, 1), (result.Records, result.Published, result.Duplicates));
        var kinesisIds = harness.Published.Select(_ => true).Select(m => m.Context.MessageId!.Value).ToList();
        Assert.Equal(kinesisIds.Count, kinesisIds.Distinct().Count());
        Assert.Subset(streamIds.ToHashSet(), kinesisIds.ToHashSet());
    }

    [Fact]
    public async Task Kinesis_records_of_one_item_are_published_in_the_order_dynamodb_made_the_changes()
    {
        await using var provider = BridgeHarness.Create();
        var harness = await StartAsync(provider);

        await Process(provider, "kinesis-data-streams.json");

        // The sample delivers SHIPPED before PAID; the creation times say PAID came first.
        var statuses = harness.Published.Select<OrderStatusChanged>().Select(m => m.Context.Message.Status).ToList();
        Assert.Equal([OrderStatuses.Paid, OrderStatuses.Shipped, OrderStatuses.Delivered], statuses);
    }

    [Fact]
    public async Task A_publish_failure_reports_that_record_and_publishes_nothing_after_it_for_its_item()
    {
        var failAt = Sequence(6); // O-5001 PLACED -> PAID
        await using var provider = BridgeHarness.Create(
            settings => settings["Bridge:MaxConcurrency"] = "1",
            services => services.AddSingleton<IEventPublisher>(sp => new FailingPublisher(
                new MassTransitEventPublisher(sp.GetRequiredService<IBus>()),
                e => e.Message.Change.SequenceNumber == failAt)));
        var harness = await StartAsync(provider);

        var response = await Handle(provider, BridgeHarness.Sample(FullSample));

        Assert.Equal($$"""{"batchItemFailures":[{"itemIdentifier":"{{failAt}}"}]}""", response);
        var orderEvents = harness.Published.Select(_ => true)
            .Select(m => ((IChangeEvent)m.MessageObject).Change)
            .Where(c => c.EntityKey == "orderId=O-5001")
            .Select(c => c.SequenceNumber)
            .ToList();
        Assert.Equal([Sequence(2)], orderEvents);
        // With one item at a time, items after the failure are not attempted: Lambda re-delivers them.
        var published = harness.Published.Select(_ => true).Select(m => ((IChangeEvent)m.MessageObject).Change.SequenceNumber).Distinct().Order().ToList();
        Assert.Equal(new[] { 0, 1, 2, 3, 4, 5, 7 }.Select(Sequence).Order().ToList(), published);
    }

    [Fact]
    public async Task A_kinesis_failure_reports_the_lowest_kinesis_sequence_number_left_unpublished()
    {
        // The Kinesis sample carries O-5001's SHIPPED (sequence ...804) before PAID (...805); published in change
        // order, PAID comes first. When PAID fails, SHIPPED is left behind with the lower sequence number, and
        // Lambda must re-deliver from there or SHIPPED would be lost.
        const string shipped = "49590338271490256608559692538361571095921575989136588804";
        await using var provider = BridgeHarness.Create(services: services => services.AddSingleton<IEventPublisher>(sp =>
            new FailingPublisher(new MassTransitEventPublisher(sp.GetRequiredService<IBus>()),
                e => e.Message is OrderStatusChanged { Status: OrderStatuses.Paid })));
        var harness = await StartAsync(provider);

        var response = await Handle(provider, BridgeHarness.Sample("kinesis-data-streams.json"));

        Assert.Equal($$"""{"batchItemFailures":[{"itemIdentifier":"{{shipped}}"}]}""", response);
        Assert.DoesNotContain(harness.Published.Select<OrderStatusChanged>(), m => m.Context.Message.Status != OrderStatuses.Paid);
    }

    [Fact]
    public async Task Retrying_from_the_reported_record_completes_the_batch_with_the_same_message_ids()
    {
        var failAt = Sequence(6);
        var failing = true;
        await using var provider = BridgeHarness.Create(
            services: services => services.AddSingleton<IEventPublisher>(sp => new FailingPublisher(
                new MassTransitEventPublisher(sp.GetRequiredService<IBus>()),
                e => failing && e.Message.Change.SequenceNumber == failAt)));
        var harness = await StartAsync(provider);
        var reported = await Handle(provider, BridgeHarness.Sample(FullSample));
        Assert.Contains(failAt, reported, StringComparison.Ordinal);

        failing = false;
        var retry = await Handle(provider, RecordsFrom(FullSample, position: 6));

        Assert.Equal("""{"batchItemFailures":[]}""", retry);
        var ids = harness.Published.Select(_ => true).Select(m => m.Context.MessageId!.Value).Distinct().ToList();
        Assert.Equal((await PublishedIds(FullSample)).Order(), ids.Order());
    }

    [Fact]
    public async Task A_malformed_record_is_stored_whole_and_the_rest_of_the_batch_is_published()
    {
        var directory = Path.Combine(Path.GetTempPath(), "bus-failed-" + Guid.NewGuid().ToString("N"));
        await using var provider = BridgeHarness.Create(settings => settings["Bridge:FailedRecords:Directory"] = directory);
        var harness = await StartAsync(provider);
        var batch = ReplaceRecord(FullSample, 3, record => record["dynamodb"]!["NewImage"]!["quantity"] = new JsonObject { ["N"] = "forty" });

        var response = await Handle(provider, batch);

        Assert.Equal("""{"batchItemFailures":[]}""", response);
        Assert.Equal(23, harness.Published.Select(_ => true).Count());
        var stored = JsonNode.Parse(await File.ReadAllTextAsync(Assert.Single(Directory.GetFiles(directory)), Cancel))!;
        Assert.Equal("Decode", stored["stage"]!.GetValue<string>());
        Assert.Equal(Sequence(3), stored["sequenceNumber"]!.GetValue<string>());
        Assert.Contains("dynamodb.NewImage.quantity", stored["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("forty", stored["record"]!["dynamodb"]!["NewImage"]!["quantity"]!["N"]!.GetValue<string>());
        Directory.Delete(directory, recursive: true);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_large_batch_decoded_on_all_cores_keeps_its_malformed_records_in_stream_order_and_publishes_each_item_in_order(bool throughHandler)
    {
        // 1,000 records are decoded in chunks on several threads (through the handler, while the batch is still
        // being split); the outcome must be the one-by-one outcome.
        int[] malformed = [0, 5, 255, 256, 511, 700, 999];
        var records = Enumerable.Range(0, 1000).Select(k => new StreamRecordJson
        {
            EventId = $"evt-{k}",
            SequenceNumber = (4421584500000000017450440091m + k).ToString(System.Globalization.CultureInfo.InvariantCulture),
            Keys = $$$"""{"customerId": {"S": "C-{{{k % 37}}}"}}""",
            OldImage = $$$"""{"customerId": {"S": "C-{{{k % 37}}}"}, "email": {"S": "before-{{{k}}}@example.com"}}""",
            NewImage = malformed.Contains(k)
                ? $$$"""{"customerId": {"S": "C-{{{k % 37}}}"}, "email": {"N": "forty"}}"""
                : $$$"""{"customerId": {"S": "C-{{{k % 37}}}"}, "email": {"S": "after-{{{k}}}@example.com"}}""",
        }.ToJson());
        var directory = Path.Combine(Path.GetTempPath(), "bus-failed-" + Guid.NewGuid().ToString("N"));
        await using var provider = BridgeHarness.Create(settings => settings["Bridge:FailedRecords:Directory"] = directory);
        var harness = await StartAsync(provider);

        var batch = new MemoryStream(Encoding.UTF8.GetBytes($"{{\"Records\": [{string.Join(",", records)}]}}"));

        if (throughHandler)
        {
            Assert.Equal("""{"batchItemFailures":[]}""", await Handle(provider, batch));
        }
        else
        {
            var result = await Process(provider, batch);
            Assert.Equal((1000, 993, 7, 0), (result.Records, result.Published, result.Stored, result.Failed));
            Assert.Equal(malformed, result.Failures.Select(f => f.Position));
            Assert.All(result.Failures, f => Assert.StartsWith($"record {f.Position} (eventID evt-{f.Position}, sequence ", f.Reason, StringComparison.Ordinal));
        }

        var stored = Directory.GetFiles(directory).Select(f => JsonNode.Parse(File.ReadAllText(f))!).ToList();
        Assert.Equal(malformed.Select(k => $"evt-{k}"), stored.Select(r => r["eventId"]!.GetValue<string>()).Order(StringComparer.Ordinal).OrderBy(id => int.Parse(id[4..], System.Globalization.CultureInfo.InvariantCulture)));
        var published = harness.Published.Select<CustomerEmailChanged>().Select(m => m.Context.Message).ToList();
        Assert.Equal(993, published.Count);
        foreach (var item in published.GroupBy(e => e.CustomerId))
        {
            var order = item.Select(e => int.Parse(e.Email!.AsSpan("after-".Length, e.Email!.IndexOf('@', StringComparison.Ordinal) - "after-".Length), System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(order.Order(), order);
        }

        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task A_record_holding_a_string_that_is_not_UTF8_is_stored_and_the_rest_of_the_batch_is_published()
    {
        var directory = Path.Combine(Path.GetTempPath(), "bus-failed-" + Guid.NewGuid().ToString("N"));
        await using var provider = BridgeHarness.Create(settings => settings["Bridge:FailedRecords:Directory"] = directory);
        var harness = await StartAsync(provider);
        var batch = WithBytes(ReplaceRecord(FullSample, 5, record => record["dynamodb"]!["NewImage"]!["email"] = new JsonObject { ["S"] = "@@" }), 0xC3, 0x28);

        var result = await Process(provider, batch);

        Assert.Equal((18, 17, 1), (result.Records, result.Published, result.Stored));
        var failure = Assert.Single(result.Failures);
        Assert.Equal($"record 5 (eventID e437fc062ad8087e10ecb3a47df5af72, sequence {Sequence(5)}): dynamodb.NewImage.email: " +
            "S value is not valid Unicode (invalid UTF-8 or an unpaired surrogate escape)", failure.Reason);
        Assert.Single(Directory.GetFiles(directory));
        Assert.Equal(22, harness.Published.Select(_ => true).Count());
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task A_different_change_under_an_eventID_already_in_the_batch_is_stored_not_dropped_as_a_duplicate()
    {
        var directory = Path.Combine(Path.GetTempPath(), "bus-failed-" + Guid.NewGuid().ToString("N"));
        await using var provider = BridgeHarness.Create(settings => settings["Bridge:FailedRecords:Directory"] = directory);
        var harness = await StartAsync(provider);
        // Record 9 (O-5002 placed) takes the eventID of record 0 (C-1001 registered).
        var batch = ReplaceRecord(FullSample, 9, record => record["eventID"] = "44809eba37a5e7e9471d006a33a3dfea");

        var result = await Process(provider, batch);

        Assert.Equal((17, 0, 1), (result.Published, result.Duplicates, result.Stored));
        var failure = Assert.Single(result.Failures);
        Assert.Equal($"record 9 (eventID 44809eba37a5e7e9471d006a33a3dfea, sequence {Sequence(9)}): eventID repeats record 0's with a different change", failure.Reason);
        Assert.DoesNotContain(harness.Published.Select<OrderPlaced>(), m => m.Context.Message.OrderId == "O-5002");
        Directory.Delete(directory, recursive: true);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Under_a_repeated_eventID_a_record_whose_image_does_not_decode_is_stored_and_the_good_one_published(bool badFirst)
    {
        var directory = Path.Combine(Path.GetTempPath(), "bus-failed-" + Guid.NewGuid().ToString("N"));
        await using var provider = BridgeHarness.Create(settings => settings["Bridge:FailedRecords:Directory"] = directory);
        var harness = await StartAsync(provider);
        // Images are decoded in each record's turn, but a repeated eventID needs them early to tell a copy from a
        // conflict; a record with a broken image is nobody's copy.
        var batch = EditRecords(FullSample, records =>
        {
            var copy = records[2]!.DeepClone();
            var broken = badFirst ? records[2]! : copy;
            broken["dynamodb"]!["NewImage"]!["version"] = new JsonObject { ["N"] = "1e999" };
            records.Add(copy);
        });

        var result = await Process(provider, batch);

        Assert.Equal((19, 18, 0, 1), (result.Records, result.Published, result.Duplicates, result.Stored));
        var failure = Assert.Single(result.Failures);
        Assert.Equal(badFirst ? 2 : 18, failure.Position);
        Assert.Contains("dynamodb.NewImage.version", failure.Reason, StringComparison.Ordinal);
        // Every change of the sample, record 2's from whichever of the two decodes.
        var ids = harness.Published.Select(_ => true).Select(m => m.Context.MessageId!.Value).ToList();
        Assert.Equal((24, 24), (ids.Count, ids.Distinct().Count()));
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task Under_a_repeated_eventID_the_first_record_that_decodes_is_the_one_a_later_change_conflicts_with()
    {
        var directory = Path.Combine(Path.GetTempPath(), "bus-failed-" + Guid.NewGuid().ToString("N"));
        await using var provider = BridgeHarness.Create(settings => settings["Bridge:FailedRecords:Directory"] = directory);
        await StartAsync(provider);
        var batch = EditRecords(FullSample, records =>
        {
            records.Add(records[2]!.DeepClone());
            records[2]!["dynamodb"]!["NewImage"]!["version"] = new JsonObject { ["N"] = "1e999" };
            records[9]!["eventID"] = records[2]!["eventID"]!.GetValue<string>();
        });

        var result = await Process(provider, batch);

        // Record 2 does not decode, so record 9 is the first change under the eventID, and record 18 differs from it.
        Assert.Equal((19, 17, 0, 2), (result.Records, result.Published, result.Duplicates, result.Stored));
        Assert.Equal([2, 18], result.Failures.Select(f => f.Position));
        Assert.Contains("dynamodb.NewImage.version", result.Failures[0].Reason, StringComparison.Ordinal);
        Assert.EndsWith("eventID repeats record 9's with a different change", result.Failures[1].Reason, StringComparison.Ordinal);
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task An_exact_copy_of_a_record_in_the_batch_is_counted_as_a_duplicate()
    {
        await using var provider = BridgeHarness.Create();
        var harness = await StartAsync(provider);
        var batch = EditRecords(FullSample, records => records.Add(records[2]!.DeepClone()));

        var result = await Process(provider, batch);

        Assert.Equal((19, 18, 1, 0), (result.Records, result.Published, result.Duplicates, result.Stored));
        Assert.Equal(24, harness.Published.Select(_ => true).Count());
    }

    [Fact]
    public async Task A_record_that_cannot_be_stored_is_reported_for_retry()
    {
        var blocked = Path.Combine(Path.GetTempPath(), "bus-failed-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllTextAsync(blocked, "a file where the store wants a directory", Cancel);
        await using var provider = BridgeHarness.Create(settings => settings["Bridge:FailedRecords:Directory"] = blocked);
        await StartAsync(provider);
        var batch = ReplaceRecord(FullSample, 3, record => record["eventName"] = "UPSERT");

        var response = await Handle(provider, batch);

        Assert.Equal($$"""{"batchItemFailures":[{"itemIdentifier":"{{Sequence(3)}}"}]}""", response);
        File.Delete(blocked);
    }

    [Fact]
    public async Task A_translation_failure_is_stored_with_the_attribute_that_breaks_the_schema()
    {
        var directory = Path.Combine(Path.GetTempPath(), "bus-failed-" + Guid.NewGuid().ToString("N"));
        await using var provider = BridgeHarness.Create(settings => settings["Bridge:FailedRecords:Directory"] = directory);
        var harness = await StartAsync(provider);
        var batch = ReplaceRecord(FullSample, 2, record => record["dynamodb"]!["NewImage"]!["total"] = new JsonObject { ["S"] = "49.99" });

        var result = await Process(provider, batch);

        Assert.Equal((18, 17, 1), (result.Records, result.Published, result.Stored));
        Assert.Null(result.RetryFrom);
        var failure = Assert.Single(result.Failures);
        Assert.Equal($"record 2 (eventID e7431bea1a1ed6d5c298f00213e283a8, sequence {Sequence(2)}): attribute 'total' is S; the table's schema has N", failure.Reason);
        Assert.DoesNotContain(harness.Published.Select<OrderPlaced>(), m => m.Context.Message.OrderId == "O-5001");
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task Records_of_unconfigured_tables_are_skipped_and_counted()
    {
        await using var provider = BridgeHarness.Create(settings => settings.Remove("Bridge:Tables:Inventory:Translator"));
        var harness = await StartAsync(provider);

        var result = await Process(provider, FullSample);

        Assert.Equal((18, 11, 7), (result.Records, result.Published, result.Skipped));
        Assert.Empty(harness.Published.Select<StockLevelChanged>());
        Assert.True(result.Succeeded);
    }

    [Fact]
    public async Task A_ttl_expiry_publishes_customer_deleted_marked_as_expired()
    {
        await using var provider = BridgeHarness.Create();
        var harness = await StartAsync(provider);

        await Handle(provider, BridgeHarness.Sample("dynamodb-ttl-expiry.json"));

        var deleted = harness.Published.Select<CustomerDeleted>().Select(m => m.Context.Message)
            .OrderBy(m => m.CustomerId, StringComparer.Ordinal).Select(m => (m.CustomerId, m.ExpiredByTtl)).ToList();
        Assert.Equal([("C-1002", false), ("C-1003", true)], deleted);
    }

    [Fact]
    public async Task A_keys_only_modify_for_a_translator_that_diffs_images_is_stored_naming_the_view_type_it_needs()
    {
        var directory = Path.Combine(Path.GetTempPath(), "bus-failed-" + Guid.NewGuid().ToString("N"));
        await using var provider = BridgeHarness.Create(settings => settings["Bridge:FailedRecords:Directory"] = directory);
        await StartAsync(provider);
        var batch = ReplaceRecord(FullSample, 5, record =>
        {
            var dynamodb = record["dynamodb"]!.AsObject();
            dynamodb.Remove("NewImage");
            dynamodb.Remove("OldImage");
            dynamodb["StreamViewType"] = "KEYS_ONLY";
        });

        var result = await Process(provider, batch);

        var failure = Assert.Single(result.Failures);
        Assert.True(failure.Stored);
        Assert.Equal($"record 5 (eventID e437fc062ad8087e10ecb3a47df5af72, sequence {Sequence(5)}): translator Customers needs stream view type " +
            "NEW_AND_OLD_IMAGES for MODIFY records; this record's stream is KEYS_ONLY", failure.Reason);
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task Input_that_is_not_a_stream_event_fails_the_invocation()
    {
        await using var provider = BridgeHarness.Create();
        await StartAsync(provider);

        var error = await Assert.ThrowsAsync<DecodingException>(() => Handle(provider, new MemoryStream("""{"Records": [{"eventID": "1"}"""u8.ToArray())));

        Assert.StartsWith("event 0: input is not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_that_breaks_off_after_records_already_handed_to_decoding_fails_the_invocation_and_publishes_nothing()
    {
        await using var provider = BridgeHarness.Create();
        var harness = await StartAsync(provider);
        var records = string.Join(",", Enumerable.Range(0, 600).Select(k => new StreamRecordJson { EventId = $"evt-{k}" }.ToJson()));

        var error = await Assert.ThrowsAsync<DecodingException>(() => Handle(provider, new MemoryStream(Encoding.UTF8.GetBytes($"{{\"Records\": [{records}, {{\"eventID\": "))));

        Assert.StartsWith("event 0: input is not valid JSON", error.Message, StringComparison.Ordinal);
        Assert.False(await harness.Published.Any<IChangeEvent>(Cancel));
    }

    private static async Task<ITestHarness> StartAsync(IServiceProvider provider)
    {
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        return harness;
    }

    private static async Task<string> Handle(IServiceProvider provider, Stream input)
    {
        var response = await provider.GetRequiredService<StreamBatchHandler>().HandleAsync(input, Cancel);
        return await BridgeHarness.ReadAllAsync(response);
    }

    private static Task<BatchResult> Process(IServiceProvider provider, string sample) =>
        Process(provider, BridgeHarness.Sample(sample));

    private static async Task<BatchResult> Process(IServiceProvider provider, Stream input)
    {
        using var buffer = new MemoryStream();
        await input.CopyToAsync(buffer, Cancel);
        var batch = Assert.Single(StreamEventReader.Read(buffer.ToArray()));
        return await provider.GetRequiredService<BatchProcessor>().ProcessAsync(batch, Cancel);
    }

    private static async Task<List<Guid>> PublishedIds(string sample)
    {
        await using var provider = BridgeHarness.Create();
        var harness = await StartAsync(provider);
        await Handle(provider, BridgeHarness.Sample(sample));
        return [.. harness.Published.Select(_ => true).Select(m => m.Context.MessageId!.Value).Order()];
    }

    private static MemoryStream RecordsFrom(string sample, int position)
    {
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", sample)))!;
        var records = root["Records"]!.AsArray().Skip(position).Select(r => r!.DeepClone()).ToArray();
        return new MemoryStream(Encoding.UTF8.GetBytes(new JsonObject { ["Records"] = new JsonArray(records) }.ToJsonString()));
    }

    /// <summary>The batch with the first <c>@@</c> replaced by raw bytes (JSON writers cannot write invalid UTF-8).</summary>
    private static MemoryStream WithBytes(MemoryStream batch, params byte[] bytes)
    {
        var json = batch.ToArray();
        var at = json.AsSpan().IndexOf("@@"u8);
        return new MemoryStream([.. json[..at], .. bytes, .. json[(at + 2)..]]);
    }

    private static MemoryStream ReplaceRecord(string sample, int position, Action<JsonNode> change) =>
        EditRecords(sample, records => change(records[position]!));

    /// <summary>The sample's event with its <c>Records</c> array changed by <paramref name="change"/>.</summary>
    private static MemoryStream EditRecords(string sample, Action<JsonArray> change)
    {
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", sample)))!;
        change(root["Records"]!.AsArray());
        return new MemoryStream(Encoding.UTF8.GetBytes(root.ToJsonString()));
    }
}
