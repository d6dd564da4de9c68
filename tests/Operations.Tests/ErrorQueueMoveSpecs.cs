using System.Text;
using Bus.Operations.Cli;
using Bus.Operations.ErrorQueues;
using RabbitMQ.Client;

namespace Bus.Operations.Tests;

/// <summary><c>error-queue list</c> and <c>error-queue move</c> against queues of the real broker.</summary>
public sealed class ErrorQueueMoveSpecs(Broker broker)
{
    [Fact]
    public async Task Listing_shows_each_message_with_its_id_type_fault_and_retries_and_leaves_the_queue_as_it_was()
    {
        await using var queues = await TestQueues.CreateAsync(broker.Connection);
        var first = await queues.FaultAsync(1);
        var second = await queues.FaultAsync(2);

        var (exit, output, error) = await Cli.RunAsync(["error-queue", "list", queues.Queue, .. broker.Settings]);

        Assert.Equal((ExitCodes.Success, ""), (exit, error));
        Assert.Equal(
            $"""
            #1  {first.Id}  {TestQueues.ProbeType}
                fault: System.InvalidOperationException: probe 1 failed (MT-Reason fault)
                faulted at 2026-11-25T10:15:02.0000000Z in Bus.Operations.Tests.ProbeConsumer; retried 2, redelivered 1, moved back before 0
            #2  {second.Id}  {TestQueues.ProbeType}
                fault: System.InvalidOperationException: probe 2 failed (MT-Reason fault)
                faulted at 2026-11-25T10:15:02.0000000Z in Bus.Operations.Tests.ProbeConsumer; retried 2, redelivered 1, moved back before 0
            {queues.ErrorQueue}: 2 messages, listed 2 (nothing changed)

            """.Replace("\r\n", "\n", StringComparison.Ordinal),
            output);
        Assert.Equal([first.Id, second.Id], (await queues.DrainAsync(queues.ErrorQueue)).Select(m => m.BasicProperties.MessageId));
    }

    [Fact]
    public async Task A_dry_run_counts_what_it_would_move_and_leaves_both_queues_as_they_were()
    {
        await using var queues = await TestQueues.CreateAsync(broker.Connection);
        var faulted = new List<FaultedMessage>();
        for (var i = 1; i <= 5; i++)
        {
            faulted.Add(await queues.FaultAsync(i));
        }

        var (exit, output, _) = await Cli.RunAsync(["error-queue", "move", queues.Queue, "--dry-run", "--count", "3", .. broker.Settings]);

        Assert.Equal(ExitCodes.Success, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            [.. faulted.Take(3).Select((m, i) => $"would move #{i + 1}  {m.Id}  {TestQueues.ProbeType}"),
             $"{queues.ErrorQueue}: found 5, would move 3 to {queues.Queue} (dry run: nothing changed)"],
            lines);
        Assert.Equal(0u, await queues.CountAsync(queues.Queue));
        var left = await queues.DrainAsync(queues.ErrorQueue);
        Assert.Equal(faulted.Select(m => m.Id), left.Select(m => m.BasicProperties.MessageId));
        Assert.Equal(faulted.Select(m => Convert.ToHexString(m.Body)), left.Select(m => Convert.ToHexString(m.Body.Span)));
    }

    [Fact]
    public async Task Move_moves_exactly_the_count_from_the_head_keeping_body_message_id_and_headers_but_the_fault_ones()
    {
        await using var queues = await TestQueues.CreateAsync(broker.Connection);
        var faulted = new List<FaultedMessage>();
        for (var i = 1; i <= 5; i++)
        {
            faulted.Add(await queues.FaultAsync(i));
        }

        var (exit, output, error) = await Cli.RunAsync(["error-queue", "move", queues.ErrorQueue, "--count=3", .. broker.Settings]);

        Assert.Equal((ExitCodes.Success, ""), (exit, error));
        Assert.EndsWith($"{queues.ErrorQueue}: found 5, moved 3 to {queues.Queue}\n", output, StringComparison.Ordinal);
        var moved = await queues.DrainAsync(queues.Queue);
        Assert.Equal(faulted.Take(3).Select(m => m.Id), moved.Select(m => m.BasicProperties.MessageId));
        Assert.Equal(faulted.Take(3).Select(m => Convert.ToHexString(m.Body)), moved.Select(m => Convert.ToHexString(m.Body.Span)));
        foreach (var message in moved)
        {
            Assert.Equal("application/vnd.masstransit+json", message.BasicProperties.ContentType);
            Assert.Equal(DeliveryModes.Persistent, message.BasicProperties.DeliveryMode);
            var headers = message.BasicProperties.Headers!;
            Assert.Equal("north", Text(headers["Tenant"]));
            Assert.Equal(queues.ErrorQueue, Text(headers[ErrorQueueMover.MovedFromHeader]));
            Assert.Equal("1", Text(headers[ErrorQueueMover.MoveCountHeader]));
            Assert.DoesNotContain(headers.Keys, k => k.StartsWith("MT-Fault-", StringComparison.Ordinal) || k.StartsWith("MT-Host-", StringComparison.Ordinal));
            Assert.DoesNotContain("MT-Reason", headers.Keys);
            Assert.DoesNotContain("MT-Redelivery-Count", headers.Keys);
        }

        Assert.Equal(faulted.Skip(3).Select(m => m.Id), (await queues.DrainAsync(queues.ErrorQueue)).Select(m => m.BasicProperties.MessageId));
    }

    [Fact]
    public async Task A_message_type_filter_moves_only_that_type_and_leaves_the_others_in_their_order()
    {
        await using var queues = await TestQueues.CreateAsync(broker.Connection);
        var probe1 = await queues.FaultAsync(1);
        var other1 = await queues.FaultAsync(2, TestQueues.OtherType);
        var probe2 = await queues.FaultAsync(3);
        var other2 = await queues.FaultAsync(4, TestQueues.OtherType);

        var (exit, output, _) = await Cli.RunAsync(
            ["error-queue", "move", queues.Queue, "--filter-message-type", TestQueues.ProbeType, .. broker.Settings]);

        Assert.Equal(ExitCodes.Success, exit);
        Assert.EndsWith($"{queues.ErrorQueue}: found 4, moved 2 to {queues.Queue}, left 2 of other types\n", output, StringComparison.Ordinal);
        Assert.Equal([probe1.Id, probe2.Id], (await queues.DrainAsync(queues.Queue)).Select(m => m.BasicProperties.MessageId));
        Assert.Equal([other1.Id, other2.Id], (await queues.DrainAsync(queues.ErrorQueue)).Select(m => m.BasicProperties.MessageId));
    }

    [Fact]
    public async Task A_service_queue_that_does_not_exist_is_an_error_and_the_error_queue_is_untouched()
    {
        await using var queues = await TestQueues.CreateAsync(broker.Connection, withServiceQueue: false);
        var faulted = await queues.FaultAsync(1);

        var (exit, output, error) = await Cli.RunAsync(["error-queue", "move", queues.Queue, .. broker.Settings]);

        Assert.Equal((ExitCodes.InvalidInput, ""), (exit, output));
        Assert.StartsWith($"error: queue '{queues.Queue}' does not exist on ", error, StringComparison.Ordinal);
        Assert.Equal([faulted.Id], (await queues.DrainAsync(queues.ErrorQueue)).Select(m => m.BasicProperties.MessageId));
    }

    [Theory]
    [InlineData("", "Usage: Bus.Operations error-queue list QUEUE")]
    [InlineData("error-queue", "error: a queue name is needed")]
    [InlineData("error-queue purge shipping", "error: unknown command 'purge'")]
    [InlineData("error-queue move shipping --count 0", "error: --count needs a whole number of at least 1, not '0'")]
    [InlineData("error-queue list shipping --dry-run", "error: unknown argument '--dry-run'")]
    [InlineData("error-queue move shipping --filter-message-type OrderPlaced", "error: --filter-message-type needs a message type URN")]
    [InlineData("error-queue move shipping --Bus:RabbitMq:Port=0", "error: configuration: ")]
    public async Task Bad_arguments_exit_with_invalid_input_and_say_what_is_wrong(string args, string expected)
    {
        var (exit, output, error) = await Cli.RunAsync(args.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        Assert.Equal((ExitCodes.InvalidInput, ""), (exit, output));
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }

    private static string? Text(object? value) => value switch
    {
        byte[] bytes => Encoding.UTF8.GetString(bytes),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
    };
}
