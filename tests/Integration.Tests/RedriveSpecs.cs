using System.Globalization;
using System.Text;
using System.Text.Json;
using Bus.Contracts.Customers;
using Bus.Messaging.Transport;
using Bus.StreamBridge.Cli;
using Bus.StreamBridge.Failures;
using Bus.StreamBridge.Pipeline;
using Bus.TestSupport;
using RabbitMQ.Client;

namespace Bus.Integration.Tests;

/// <summary>
/// <c>redrive</c> of both failed-record stores against the real RabbitMQ: the records are first stored by the bridge
/// itself (a table it has no route for, <c>Bridge:Unrouted=Store</c>), then redriven with the route configured.
/// </summary>
public sealed class RedriveSpecs(Servers servers) : IAsyncLifetime
{
    private readonly LegacyTable _table = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("bus-redrive-").FullName;
    private readonly string _queue = "bus-test-redrive-" + Guid.NewGuid().ToString("N")[..12];
    private IChannel _channel = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _channel = await servers.Rabbit.CreateChannelAsync(cancellationToken: Cancel);

    public async ValueTask DisposeAsync()
    {
        await _channel.QueueDeleteAsync(_queue);
        await _channel.ExchangeDeleteAsync(_queue);
        await _channel.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task File_store_redrive_publishes_fixed_records_in_stream_order_with_their_ids_and_keeps_the_one_that_fails_again()
    {
        await using var wire = await Wire.CreateAsync(servers.Rabbit, _table.CustomerId);
        await StoreAsync(FileStore);
        var stored = Directory.GetFiles(_directory).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        var broken = FileFailedRecordStore.FileName("Legacy", Encoding.UTF8.GetBytes(Compact(_table.Broken)));

        var (exit, output, error) = await RunAsync(["redrive", .. Settings(FileStore), LegacyTable.Fix]);

        Assert.Equal(ExitCodes.RecordsFailed, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            [$"redriven: {Name(_table.Insert)} (Legacy, eventID {_table.EventId(100)}, sequence 100)",
             $"redriven: {Name(_table.EmailChange)} (Legacy, eventID {_table.EventId(200)}, sequence 200)",
             $"redriven: {Name(_table.AddressChange)} (Legacy, eventID {_table.EventId(300)}, sequence 300)",
             $"directory {_directory}: found 4, redriven 3, still failing 1"],
            lines);
        Assert.Contains(
            $"failed again, stored with the new reason: {broken} (Legacy, eventID {_table.EventId(150)}, sequence 150): {BrokenReason}\n",
            error, StringComparison.Ordinal);
        Assert.Equal(ExpectedEvents(), await wire.ReceiveAsync(3));

        Assert.Equal([broken], Directory.GetFiles(_directory).Select(Path.GetFileName));
        using var kept = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(_directory, broken), Cancel));
        Assert.Equal(("Translate", BrokenReason),
            (kept.RootElement.GetProperty("stage").GetString(), kept.RootElement.GetProperty("reason").GetString()));
        Assert.Equal(stored.Where(n => n != broken),
            Directory.GetFiles(Path.Combine(_directory, "redriven")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task File_store_dry_run_lists_what_it_would_redrive_and_changes_and_publishes_nothing()
    {
        await using var wire = await Wire.CreateAsync(servers.Rabbit, _table.CustomerId);
        await StoreAsync(FileStore);
        var before = await SnapshotAsync();

        var (exit, output, error) = await RunAsync(["redrive", "--dry-run", "--limit", "3", .. Settings(FileStore), LegacyTable.Fix]);

        Assert.Equal((ExitCodes.Success, ""), (exit, error));
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length);
        Assert.Matches(@"^record +table +eventID +sequence +age +reason$", lines[0]);
        string[] expected = [_table.Insert, _table.Broken, _table.EmailChange];
        for (var i = 0; i < 3; i++)
        {
            var sequence = i switch { 0 => 100, 1 => 150, _ => 200 };
            // Reasons name the record by its position in the batch it came in: the broken one followed the insert.
            var reason = $@"record {(sequence == 150 ? 1 : 0)} \(eventID {_table.EventId(sequence)}, sequence {sequence}\): no route matches table Legacy or this item";
            Assert.Matches(
                $"^{Name(expected[i])} +Legacy +{_table.EventId(sequence)} +{sequence} +[0-9]+s +Route: {reason}$",
                lines[i + 1]);
        }

        Assert.Equal($"directory {_directory}: found 4, would redrive 3, beyond --limit 1 (dry run: nothing changed)", lines[4]);
        Assert.Equal(before, await SnapshotAsync());
        Assert.Empty(await wire.ReceiveAsync(0));
    }

    [Fact]
    public async Task Queue_store_redrive_publishes_in_stream_order_acknowledges_the_redriven_and_stores_the_failure_again_with_its_new_reason()
    {
        await using var wire = await Wire.CreateAsync(servers.Rabbit, _table.CustomerId);
        await StoreAsync(QueueStore);
        var brokenId = FailedRecordIds.MessageId(new FailedRecord(null, 0, null, null, FailureStage.Route, "",
            Encoding.UTF8.GetBytes(Compact(_table.Broken))));

        // The store named on the command line instead of in configuration, which says File.
        var (exit, output, error) = await RunAsync(["redrive", "--store", "Queue", .. Settings([$"--Bridge:FailedRecords:QueueName={_queue}"]), LegacyTable.Fix]);

        Assert.Equal(ExitCodes.RecordsFailed, exit);
        Assert.EndsWith($"queue {_queue}: found 4, redriven 3, still failing 1\n", output, StringComparison.Ordinal);
        Assert.Contains($"failed again, stored with the new reason: {brokenId} (Legacy, eventID {_table.EventId(150)}, sequence 150)", error, StringComparison.Ordinal);
        Assert.Equal(ExpectedEvents(), await wire.ReceiveAsync(3));
        var left = Assert.Single(await DrainStoreAsync());
        Assert.Equal(brokenId.ToString(), left.Id);
        Assert.Equal(("Translate", BrokenReason, _table.EventId(150)), (left.Stage, left.Reason, left.EventId));
    }

    [Fact]
    public async Task Queue_store_copies_of_records_stored_twice_are_redriven_once_and_a_renewed_failure_is_kept_once()
    {
        await using var wire = await Wire.CreateAsync(servers.Rabbit, _table.CustomerId);
        // A Lambda retry of a batch stores its poison records again: the queue keeps both copies.
        await StoreAsync(QueueStore);
        await StoreAsync(QueueStore);

        var (exit, output, _) = await RunAsync(["redrive", .. Settings(QueueStore), LegacyTable.Fix]);

        Assert.Equal(ExitCodes.RecordsFailed, exit);
        Assert.EndsWith($"queue {_queue}: found 8, redriven 6, still failing 2\n", output, StringComparison.Ordinal);
        Assert.Equal(ExpectedEvents(), await wire.ReceiveAsync(3));
        var left = Assert.Single(await DrainStoreAsync());
        Assert.Equal((_table.EventId(150), "Translate"), (left.EventId, left.Stage));
    }

    [Fact]
    public async Task Queue_store_redrives_a_record_that_is_not_UTF_8_as_its_exact_bytes_not_as_its_readable_copy()
    {
        // The message's readable copy has U+FFFD where the bad byte was and would decode; the record never can.
        var text = Encoding.UTF8.GetBytes(Compact(_table.Insert));
        var at = text.AsSpan().IndexOf("Amsterdam"u8) + 6;
        byte[] record = [.. text.AsSpan(0, at), 0xFF, .. text.AsSpan(at)];
        var file = Path.Combine(_directory, "batch.json");
        await File.WriteAllBytesAsync(file, [.. "{\"Records\": ["u8, .. record, .. "]}"u8], Cancel);
        var stored = await RunAsync(["replay", file, .. Settings(QueueStore), LegacyTable.Fix]);
        Assert.Equal((ExitCodes.Success, "records 1, published 0, events 0, skipped 0, duplicates 0, stored 1, failed 0, not attempted 0\n"),
            (stored.Exit, stored.Output));

        var (exit, output, _) = await RunAsync(["redrive", .. Settings(QueueStore), LegacyTable.Fix]);

        Assert.Equal(ExitCodes.RecordsFailed, exit);
        Assert.EndsWith($"queue {_queue}: found 1, redriven 0, still failing 1\n", output, StringComparison.Ordinal);
        var left = Assert.Single(await DrainStoreAsync());
        Assert.Equal(FailedRecordIds.MessageId(new FailedRecord(null, 0, null, null, FailureStage.Decode, "", record)).ToString(), left.Id);
        Assert.Equal("Decode", left.Stage);
    }

    [Fact]
    public async Task Queue_store_dry_run_counts_and_leaves_every_message_in_its_place()
    {
        await StoreAsync(QueueStore);
        var before = await PeekStoreAsync();

        var (exit, output, _) = await RunAsync(["redrive", "--dry-run", .. Settings(QueueStore), LegacyTable.Fix]);

        Assert.Equal(ExitCodes.Success, exit);
        Assert.EndsWith($"queue {_queue}: found 4, would redrive 4 (dry run: nothing changed)\n", output, StringComparison.Ordinal);
        Assert.Equal(before, await PeekStoreAsync());
    }

    [Fact]
    public async Task Queue_store_redrive_with_a_limit_takes_the_first_records_in_stream_order_and_leaves_the_rest_in_their_places()
    {
        await using var wire = await Wire.CreateAsync(servers.Rabbit, _table.CustomerId);
        await StoreAsync(QueueStore);
        var before = await PeekStoreAsync();

        var (exit, output, _) = await RunAsync(["redrive", "--limit=1", .. Settings(QueueStore), LegacyTable.Fix]);

        Assert.Equal(ExitCodes.Success, exit);
        Assert.EndsWith($"queue {_queue}: found 4, redriven 1, still failing 0, beyond --limit 3\n", output, StringComparison.Ordinal);
        Assert.Equal(ExpectedEvents().Take(1), await wire.ReceiveAsync(1));
        Assert.Equal(before.Where(m => m.EventId != _table.EventId(100)), await PeekStoreAsync());
    }

    [Fact]
    public async Task Records_whose_events_cannot_be_published_stay_in_the_store_untouched()
    {
        await StoreAsync(FileStore, withBroken: false);
        var before = await SnapshotAsync();
        string[] unreachable = [$"--Bus:RabbitMq:Port={LoopbackPort.Unused()}", "--Bridge:PublishTimeout=00:00:01"];

        var (exit, output, error) = await RunAsync(["redrive", .. Settings(FileStore), LegacyTable.Fix, .. unreachable]);

        Assert.Equal(ExitCodes.RecordsFailed, exit);
        Assert.EndsWith($"directory {_directory}: found 3, redriven 0, still failing 3\n", output, StringComparison.Ordinal);
        Assert.Contains($"still failing, left as it was: {Name(_table.Insert)} (Legacy, eventID {_table.EventId(100)}, sequence 100): ", error, StringComparison.Ordinal);
        foreach (var (record, sequence) in new[] { (_table.EmailChange, 200), (_table.AddressChange, 300) })
        {
            Assert.Contains(
                $"still failing, left as it was: {Name(record)} (Legacy, eventID {_table.EventId(sequence)}, sequence {sequence}): not attempted: ",
                error, StringComparison.Ordinal);
        }

        Assert.Equal(before, await SnapshotAsync());
    }

    /// <summary>The reason the broken record fails with after the fix, naming it by its position in its batch.</summary>
    private string BrokenReason => $"record 1 (eventID {_table.EventId(150)}, sequence 150): required attribute 'customerId' is missing";

    private string[] FileStore => ["--Bridge:FailedRecords:Store=File", $"--Bridge:FailedRecords:Directory={_directory}"];

    private string[] QueueStore => ["--Bridge:FailedRecords:Store=Queue", $"--Bridge:FailedRecords:QueueName={_queue}"];

    private string[] Settings(string[] store) =>
    [
        "--Bus:Transport=RabbitMq",
        $"--Bus:RabbitMq:Host={servers.RabbitHost}",
        string.Create(CultureInfo.InvariantCulture, $"--Bus:RabbitMq:Port={servers.RabbitPort}"),
        $"--Bus:RabbitMq:Username={servers.RabbitUser}",
        $"--Bus:RabbitMq:Password={servers.RabbitPassword}",
        "--Bridge:Unrouted=Store",
        .. store,
    ];

    /// <summary>The bridge stores the records as it meets them, the item's latest change first.</summary>
    private async Task StoreAsync(string[] store, bool withBroken = true)
    {
        var events = withBroken
            ? LegacyTable.Events([_table.AddressChange], [_table.EmailChange], [_table.Insert, _table.Broken])
            : LegacyTable.Events([_table.AddressChange], [_table.EmailChange], [_table.Insert]);
        var file = await LegacyTable.WriteAsync(Directory.CreateTempSubdirectory("bus-redrive-input-").FullName, events);
        var (exit, output, _) = await RunAsync(["replay", file, .. Settings(store)]);
        var count = withBroken ? 4 : 3;
        Assert.Equal((ExitCodes.Success, $"records {count}, published 0, events 0, skipped 0, duplicates 0, stored {count}, failed 0, not attempted 0\n"), (exit, output));
        Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
    }

    /// <summary>The ids the first attempt would have given the events: UUIDv5 of eventID, event type and ordinal.</summary>
    private List<(Guid Id, string Type)> ExpectedEvents() =>
    [
        (MessageIds.For(_table.EventId(100), typeof(CustomerRegistered), 0), nameof(CustomerRegistered)),
        (MessageIds.For(_table.EventId(200), typeof(CustomerEmailChanged), 0), nameof(CustomerEmailChanged)),
        (MessageIds.For(_table.EventId(300), typeof(CustomerAddressChanged), 0), nameof(CustomerAddressChanged)),
    ];

    private static string Name(string record) => FileFailedRecordStore.FileName("Legacy", Encoding.UTF8.GetBytes(Compact(record)));

    /// <summary>A record as the batch file carries it (one line per event).</summary>
    private static string Compact(string record) => record.ReplaceLineEndings(" ");

    private async Task<List<(string Name, string Content)>> SnapshotAsync()
    {
        var files = new List<(string, string)>();
        foreach (var path in Directory.GetFiles(_directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            files.Add((Path.GetRelativePath(_directory, path), await File.ReadAllTextAsync(path, Cancel)));
        }

        return files;
    }

    /// <summary>The store queue's messages in order, each taken and returned at once, so the queue stays as it is.</summary>
    private async Task<List<StoredMessage>> PeekStoreAsync()
    {
        var messages = new List<StoredMessage>();
        var tags = new List<ulong>();
        while (await _channel.BasicGetAsync(_queue, autoAck: false, Cancel) is { } message)
        {
            tags.Add(message.DeliveryTag);
            messages.Add(StoredMessage.From(message.Body.Span));
        }

        if (tags.Count > 0)
        {
            await _channel.BasicNackAsync(tags[^1], multiple: true, requeue: true, Cancel);
            Assert.True(await RabbitMqQueues.WaitForReadyAsync(_channel, _queue, tags.Count, TimeSpan.FromSeconds(10)));
        }

        return messages;
    }

    private async Task<List<StoredMessage>> DrainStoreAsync()
    {
        var messages = new List<StoredMessage>();
        while (await _channel.BasicGetAsync(_queue, autoAck: true, Cancel) is { } message)
        {
            messages.Add(StoredMessage.From(message.Body.Span));
        }

        return messages;
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(string[] args)
    {
        using var output = new MemoryStream();
        using var error = new StringWriter { NewLine = "\n" };
        var exit = await BridgeCli.RunAsync(args, output, error);
        return (exit, Encoding.UTF8.GetString(output.ToArray()), error.ToString());
    }

    /// <summary>A <c>FailedStreamRecord</c> message of the queue store, as MassTransit's envelope carries it.</summary>
    private sealed record StoredMessage(string Id, string? EventId, string? Stage, string? Reason, string Record)
    {
        public static StoredMessage From(ReadOnlySpan<byte> body)
        {
            using var envelope = JsonDocument.Parse(body.ToArray());
            var message = envelope.RootElement.GetProperty("message");
            return new StoredMessage(
                envelope.RootElement.GetProperty("messageId").GetString()!,
                message.GetProperty("eventId").GetString(),
                message.GetProperty("stage").ValueKind == JsonValueKind.Number
                    ? ((FailureStage)message.GetProperty("stage").GetInt32()).ToString()
                    : message.GetProperty("stage").GetString(),
                message.GetProperty("reason").GetString(),
                message.GetProperty("record").GetString()!);
        }
    }

    /// <summary>A queue bound to the exchanges of the events the Legacy records become, keeping only this test's item.</summary>
    private sealed class Wire : IAsyncDisposable
    {
        private static readonly string[] Exchanges =
        [
            "Bus.Contracts.Customers:CustomerRegistered", "Bus.Contracts.Customers:CustomerEmailChanged",
            "Bus.Contracts.Customers:CustomerAddressChanged",
        ];

        private readonly IChannel _channel;
        private readonly string _queue;
        private readonly string _customerId;

        private Wire(IChannel channel, string queue, string customerId) => (_channel, _queue, _customerId) = (channel, queue, customerId);

        public static async Task<Wire> CreateAsync(IConnection connection, string customerId)
        {
            var channel = await connection.CreateChannelAsync(cancellationToken: Cancel);
            var queue = "bus-test-wire-" + Guid.NewGuid().ToString("N")[..12];
            await channel.QueueDeclareAsync(queue, durable: false, exclusive: false, autoDelete: false, cancellationToken: Cancel);
            foreach (var exchange in Exchanges)
            {
                // Subscribers bind to these; MassTransit declares them as durable fanout exchanges.
                await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, cancellationToken: Cancel);
                await channel.QueueBindAsync(queue, exchange, string.Empty, cancellationToken: Cancel);
            }

            return new Wire(channel, queue, customerId);
        }

        /// <summary>The events of this test's item in the order they arrived; waits for <paramref name="count"/> and a
        /// little longer, so a copy or an extra event would show.</summary>
        public async Task<List<(Guid Id, string Type)>> ReceiveAsync(int count)
        {
            var received = new List<(Guid, string)>();
            var deadline = DateTime.UtcNow.AddSeconds(15);
            var quietUntil = DateTime.MaxValue;
            while (DateTime.UtcNow < deadline && DateTime.UtcNow < quietUntil)
            {
                if (await _channel.BasicGetAsync(_queue, autoAck: true, Cancel) is not { } message)
                {
                    if (received.Count >= count && quietUntil == DateTime.MaxValue)
                    {
                        quietUntil = DateTime.UtcNow.AddMilliseconds(300);
                    }

                    await Task.Delay(25, Cancel);
                    continue;
                }

                using var envelope = JsonDocument.Parse(message.Body);
                if (envelope.RootElement.GetProperty("message").TryGetProperty("customerId", out var customer) && customer.GetString() == _customerId)
                {
                    received.Add((
                        Guid.Parse(envelope.RootElement.GetProperty("messageId").GetString()!),
                        envelope.RootElement.GetProperty("messageType")[0].GetString()!.Split(':')[^1]));
                }
            }

            return received;
        }

        public async ValueTask DisposeAsync()
        {
            await _channel.QueueDeleteAsync(_queue);
            await _channel.DisposeAsync();
        }
    }
}
