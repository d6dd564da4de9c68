using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Bus.Consumers.Marketing;
using Bus.Contracts.Customers;
using Bus.Messaging.Transport;
using Bus.TestSupport;
using MassTransit;
using Microsoft.Extensions.Hosting;

namespace Bus.ConsumerThroughput;

/// <summary>
/// <c>--service broker</c>: what MassTransit and RabbitMQ alone cost per Marketing domain message, with no database and no HTTP.
/// The Marketing shape without the work: the domain event is received on one queue (the Marketing events and mix, the service's
/// concurrency), its consumer sends one command to a second queue with a publisher confirm (as the outbox delivers the gateway
/// command), and that command is received by a consumer that does nothing. The window runs from the first receive on the domain
/// queue to the last completed receive of a command. It reports messages/s, and CPU per domain message of this process and of
/// the RabbitMQ server, which gives the most this machine could do with a database and external calls that cost nothing.
/// The endpoints' concurrency is Marketing's (<c>Marketing:ContactConcurrency</c>, <c>Marketing:GatewayConcurrency</c>, defaults
/// or <c>--set</c>).
/// </summary>
public static class BrokerFloor
{
    public const string Name = "broker";

    public static async Task<JsonObject> Run(ServerFixture servers, BenchRunner runner, BenchOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(options);
        var events = new MarketingBench().Events(options.Messages);
        // Bound like the service binds them, from the command line's --set overrides.
        var marketing = new ConfigurationBuilder().AddInMemoryCollection(options.Overrides).Build()
            .GetSection(MarketingOptions.SectionName).Get<MarketingOptions>() ?? new MarketingOptions();
        var concurrency = (Domain: marketing.ContactConcurrency, Command: marketing.GatewayConcurrency);
        for (var i = 0; i < options.Warmup; i++)
        {
            var warm = await RunOnce(servers, runner, events.Take(BenchOptions.WarmupMessageLimit).ToList(), concurrency, cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Name,-10} warm-up {i + 1} (not counted): {warm.MessagesPerSecond,8:F0} msg/s, {warm.Messages} messages"));
        }

        var runs = new List<FloorResult>();
        for (var i = 0; i < options.Repeats; i++)
        {
            var run = await RunOnce(servers, runner, events, concurrency, cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Name,-10} run {i + 1}: {run.MessagesPerSecond,8:F0} msg/s ({run.Elapsed.TotalSeconds:F2} s), {run.ClientCpuMsPerMessage:F3} ms CPU/msg in this process, {(run.BrokerCpuMsPerMessage is { } perMessage ? $"{perMessage:F3} ms" : "(no local RabbitMQ)")} CPU/msg in RabbitMQ, machine {run.MachineBusyCores:F2} of {Environment.ProcessorCount} cores busy, faulted {run.Faulted}"));
            runs.Add(run);
        }

        var client = Stats.Median(runs.Select(r => r.ClientCpuMsPerMessage));
        double? broker = runs.All(r => r.BrokerCpuMsPerMessage is not null) ? Stats.Median(runs.Select(r => r.BrokerCpuMsPerMessage!.Value)) : null;
        return new JsonObject
        {
            ["messagesPerSecond"] = Math.Round(Stats.Median(runs.Select(r => r.MessagesPerSecond)), 1),
            ["spread"] = Math.Round(Stats.Spread(runs.Select(r => r.MessagesPerSecond)), 1),
            ["clientCpuMsPerMessage"] = Math.Round(client, 3),
            ["brokerCpuMsPerMessage"] = broker is { } brokerMs ? Math.Round(brokerMs, 3) : null,
            // All cores doing nothing but this process's and the broker's share of each message (only with the broker on this machine).
            ["ceilingMessagesPerSecond"] = broker is { } shared ? Math.Round(Environment.ProcessorCount * 1000 / (client + shared), 0) : null,
            ["faulted"] = runs.Sum(r => r.Faulted),
            ["domainConcurrency"] = concurrency.Domain,
            ["commandConcurrency"] = concurrency.Command,
        };
    }

    private static async Task<FloorResult> RunOnce(ServerFixture servers, BenchRunner runner, IReadOnlyList<BenchEvent> events,
        (int Domain, int Command) concurrency, CancellationToken cancellationToken)
    {
        var prefix = $"bench-{Name}-{Guid.NewGuid():N}"[..28];
        var domainQueue = prefix + "-domain";
        var commandQueue = prefix + "-command";
        try
        {
            await runner.SendToQueue(domainQueue, events, cancellationToken);
            var window = new FloorWindow(domainQueue, commandQueue, events.Count);
            var builder = runner.CreateBuilder(runner.BusSettings(prefix));
            builder.Services.AddBusTransportOptions(builder.Configuration);
            builder.Services.AddMassTransit(x =>
            {
                x.AddConsumer<FloorDomainConsumer>().Endpoint(e =>
                {
                    e.Name = domainQueue;
                    e.ConcurrentMessageLimit = concurrency.Domain;
                });
                x.AddConsumer<FloorCommandConsumer>().Endpoint(e =>
                {
                    e.Name = commandQueue;
                    e.ConcurrentMessageLimit = concurrency.Command;
                });
                x.AddConfigureEndpointsCallback((_, _, cfg) => cfg.UseMessageRetry(r => r.Intervals(50, 200)));
                x.UseConfiguredTransport(builder.Configuration);
            });
            builder.Services.AddSingleton(new CommandAddress(new Uri($"queue:{commandQueue}")));
            using var host = builder.Build();
            host.Services.GetRequiredService<IBus>().ConnectReceiveObserver(window);
            await host.StartAsync(cancellationToken);
            try
            {
                await window.WaitForAll(cancellationToken);
                var elapsed = window.Elapsed;
                var client = Process.GetCurrentProcess().TotalProcessorTime - window.CpuAtFirstStart;
                var broker = ProcCpu.BrokerCpu() - window.BrokerCpuAtFirstStart;
                var machine = ProcCpu.MachineBusy() - window.MachineBusyAtFirstStart;
                return new FloorResult(events.Count, elapsed, window.Completed / elapsed.TotalSeconds,
                    client.TotalMilliseconds / window.Completed, broker?.TotalMilliseconds / window.Completed,
                    machine.TotalSeconds / elapsed.TotalSeconds, window.Faulted);
            }
            finally
            {
                await host.StopAsync(CancellationToken.None);
            }
        }
        finally
        {
            await servers.DeleteEndpoints([domainQueue, commandQueue]);
        }
    }

    private sealed record FloorResult(int Messages, TimeSpan Elapsed, double MessagesPerSecond, double ClientCpuMsPerMessage,
        double? BrokerCpuMsPerMessage, double MachineBusyCores, int Faulted);

    /// <summary>Where the domain consumer sends its command.</summary>
    public sealed record CommandAddress(Uri Address);

    /// <summary>About the size of Marketing's gateway command (a contact's id, e-mail, consent and the source event's id).</summary>
    public sealed record FloorCommand(Guid SourceMessageId, string CustomerId, string? Email, bool? MarketingOptIn, long Version);

    /// <summary>Receives the four Marketing events and sends one command each, as the contact consumers do through the outbox.</summary>
    public sealed class FloorDomainConsumer(CommandAddress queue) :
        IConsumer<CustomerRegistered>, IConsumer<CustomerEmailChanged>, IConsumer<CustomerMarketingConsentChanged>, IConsumer<CustomerDeleted>
    {
        public Task Consume(ConsumeContext<CustomerRegistered> context) =>
            Send(context, context.Message.CustomerId, context.Message.Email, context.Message.MarketingOptIn, context.Message.Change.ItemVersion);

        public Task Consume(ConsumeContext<CustomerEmailChanged> context) =>
            Send(context, context.Message.CustomerId, context.Message.Email, null, context.Message.Change.ItemVersion);

        public Task Consume(ConsumeContext<CustomerMarketingConsentChanged> context) =>
            Send(context, context.Message.CustomerId, null, context.Message.MarketingOptIn, context.Message.Change.ItemVersion);

        public Task Consume(ConsumeContext<CustomerDeleted> context) =>
            Send(context, context.Message.CustomerId, null, null, context.Message.Change.ItemVersion);

        private async Task Send(ConsumeContext context, string customerId, string? email, bool? optIn, long? version)
        {
            var endpoint = await context.GetSendEndpoint(queue.Address);
            await endpoint.Send(new FloorCommand(context.MessageId ?? Guid.Empty, customerId, email, optIn, version ?? 0), context.CancellationToken);
        }
    }

    /// <summary>The gateway's place, doing nothing.</summary>
    public sealed class FloorCommandConsumer : IConsumer<FloorCommand>
    {
        public Task Consume(ConsumeContext<FloorCommand> context) => Task.CompletedTask;
    }

    /// <summary>Opens on the first receive of a bench event on the domain queue; closes when every command was received.</summary>
    private sealed class FloorWindow(string domainQueue, string commandQueue, int expected) : ReceiveWindow(expected)
    {
        private int _opened;

        public TimeSpan? BrokerCpuAtFirstStart { get; private set; }

        public TimeSpan MachineBusyAtFirstStart { get; private set; }

        public override Task PreReceive(ReceiveContext context)
        {
            if (Is(context, domainQueue) && Interlocked.Exchange(ref _opened, 1) == 0)
            {
                BrokerCpuAtFirstStart = ProcCpu.BrokerCpu();
                MachineBusyAtFirstStart = ProcCpu.MachineBusy();
                Start();
            }

            return Task.CompletedTask;
        }

        public override Task PostReceive(ReceiveContext context)
        {
            if (Is(context, commandQueue))
                Complete();
            return Task.CompletedTask;
        }

        public override Task ReceiveFault(ReceiveContext context, Exception exception)
        {
            Fault();
            return Task.CompletedTask;
        }

        private static bool Is(ReceiveContext context, string queue) => context.InputAddress.AbsolutePath.EndsWith("/" + queue, StringComparison.Ordinal);
    }
}
