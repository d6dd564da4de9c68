using System.Collections.Concurrent;
using Bus.Messaging.Transport;
using Bus.Operations.Cli;
using Bus.Operations.ErrorQueues;
using Bus.TestSupport;
using MassTransit;

namespace Bus.Operations.Tests;

/// <summary>A real MassTransit receive endpoint faults a message into its error queue; the tool lists what MassTransit
/// recorded and moves it back, and the endpoint consumes it.</summary>
public sealed class FaultedEndpointSpecs(Broker broker)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_message_the_endpoint_faulted_is_consumed_after_the_move_with_its_message_id()
    {
        await using var queues = await TestQueues.CreateAsync(broker.Connection);
        var probe = new ProbeHandler();
        var bus = MassTransit.Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.ConfigureRabbitMqHost(broker.Options);
            cfg.ReceiveEndpoint(queues.Queue, e =>
            {
                // Only this test's queues: no exchanges per message type, no Fault<T> events on shared exchanges.
                e.ConfigureConsumeTopology = false;
                e.PublishFaults = false;
                e.UseMessageRetry(r => r.Immediate(1));
                e.Handler<Probe>(probe.Handle);
            });
        });
        await bus.StartAsync(Cancel);
        try
        {
            var messageId = NewId.NextGuid();
            var endpoint = await bus.GetSendEndpoint(new Uri($"queue:{queues.Queue}"));
            await endpoint.Send(new Probe { Text = "hello" }, context => context.MessageId = messageId, Cancel);
            await Eventually.True(async () => await queues.CountAsync(queues.ErrorQueue) == 1, "the endpoint faulted the message");

            var (listed, listing, _) = await Cli.RunAsync(["error-queue", "list", queues.Queue, .. broker.Settings]);

            Assert.Equal(ExitCodes.Success, listed);
            Assert.StartsWith($"#1  {messageId}  {TestQueues.ProbeType}\n", listing, StringComparison.Ordinal);
            Assert.Contains("    fault: System.InvalidOperationException: the switch is off (MT-Reason fault)\n", listing, StringComparison.Ordinal);
            Assert.Contains("; retried 1, redelivered 0, moved back before 0\n", listing, StringComparison.Ordinal);

            // Moved back while the cause is still there: it faults again, with fresh fault headers and one move counted.
            Assert.Equal(ExitCodes.Success, (await Cli.RunAsync(["error-queue", "move", queues.Queue, .. broker.Settings])).Exit);
            await Eventually.True(() => probe.Attempts == 4, "the endpoint tried the moved message and its retry");
            await Eventually.True(async () => await queues.CountAsync(queues.ErrorQueue) == 1, "the endpoint faulted the message again");
            var (_, again, _) = await Cli.RunAsync(["error-queue", "list", queues.Queue, .. broker.Settings]);
            Assert.Contains("; retried 1, redelivered 0, moved back before 1\n", again, StringComparison.Ordinal);

            probe.Fixed = true;
            var (moved, output, _) = await Cli.RunAsync(["error-queue", "move", queues.Queue, .. broker.Settings]);

            Assert.Equal(ExitCodes.Success, moved);
            Assert.EndsWith($"{queues.ErrorQueue}: found 1, moved 1 to {queues.Queue}\n", output, StringComparison.Ordinal);
            await Eventually.True(() => !probe.Consumed.IsEmpty, "the endpoint consumed the moved message");
            var consumed = Assert.Single(probe.Consumed);
            Assert.Equal((messageId, "hello", "2", queues.ErrorQueue), (consumed.MessageId, consumed.Text, consumed.Moves, consumed.MovedFrom));
            Assert.Null(consumed.FaultHeader);
            Assert.Equal(0u, await queues.CountAsync(queues.ErrorQueue));
        }
        finally
        {
            await bus.StopAsync(CancellationToken.None);
        }
    }

    private sealed class ProbeHandler
    {
        private int _attempts;

        public volatile bool Fixed;

        public int Attempts => Volatile.Read(ref _attempts);

        public ConcurrentQueue<(Guid? MessageId, string Text, string? Moves, string? MovedFrom, string? FaultHeader)> Consumed { get; } = new();

        public Task Handle(ConsumeContext<Probe> context)
        {
            Interlocked.Increment(ref _attempts);
            if (!Fixed)
            {
                throw new InvalidOperationException("the switch is off");
            }

            Consumed.Enqueue((
                context.MessageId,
                context.Message.Text,
                Header(context, ErrorQueueMover.MoveCountHeader),
                Header(context, ErrorQueueMover.MovedFromHeader),
                Header(context, MessageHeaders.FaultExceptionType)));
            return Task.CompletedTask;
        }

        /// <summary>A transport header as text: for MassTransit's envelope, context.Headers are the ones inside the body.</summary>
        private static string? Header(ConsumeContext context, string name) =>
            context.ReceiveContext.TransportHeaders.TryGetHeader(name, out var value)
                ? value is byte[] bytes ? System.Text.Encoding.UTF8.GetString(bytes) : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)
                : null;
    }
}

/// <summary>The test endpoint's message: <c>urn:message:Bus.Operations.Tests:Probe</c>.</summary>
public sealed record Probe
{
    public required string Text { get; init; }
}
