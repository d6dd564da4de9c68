using System.Collections.Concurrent;
using Bus.Contracts;
using Bus.Contracts.Customers;
using Bus.Messaging.Ordering;
using Bus.TestSupport;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Bus.Messaging.Tests.Ordering;

public sealed class PerItemOrdering_Specs(ServerFixture servers)
{
    private const int Customers = 4;
    private const int ChangesPerCustomer = 15;

    private static readonly TransportSetup InMemory = (x, configure) => x.UsingInMemory((context, cfg) => configure(context, cfg));

    /// <summary>Selects the bus's transport and hands its factory configurator to <c>configure</c>.</summary>
    private delegate void TransportSetup(IBusRegistrationConfigurator x, Action<IBusRegistrationContext, IBusFactoryConfigurator> configure);

    [Fact]
    public async Task Changes_of_one_item_are_consumed_in_the_order_received_while_items_run_in_parallel_in_memory()
    {
        var seen = await Run($"ordering-{Guid.NewGuid():N}", InMemory);

        AssertInOrder(seen);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task Changes_of_one_item_are_consumed_in_the_order_received_on_RabbitMQ()
    {
        var queue = $"ordering-{Guid.NewGuid():N}";
        try
        {
            var seen = await Run(queue, (x, configure) => x.UsingRabbitMq((context, cfg) =>
            {
                cfg.Host(servers.RabbitHost, (ushort)servers.RabbitPort, "/", h =>
                {
                    h.Username(servers.RabbitUser);
                    h.Password(servers.RabbitPassword);
                });
                configure(context, cfg);
            }));

            AssertInOrder(seen);
        }
        finally
        {
            await servers.DeleteEndpoints([queue]);
        }
    }

    [Fact]
    public async Task Changes_of_one_item_of_different_event_types_never_run_at_the_same_time()
    {
        // One partitioner for the whole endpoint: MassTransit builds the consume pipe once per message type, and a partitioner
        // created per pipe let a CustomerRegistered and a CustomerEmailChanged of one customer run side by side (seen in the
        // end-to-end suite: both inserted the customer's contact, one failed on the key and retried behind a later event).
        var overlap = new OverlapProbe();
        await RunOrdered($"ordering-types-{Guid.NewGuid():N}", InMemory, overlap,
            x =>
            {
                x.AddConsumer<OverlapRegisteredConsumer>();
                x.AddConsumer<OverlapEmailConsumer>();
            },
            (e, context) =>
            {
                e.ConfigureConsumer<OverlapRegisteredConsumer>(context);
                e.ConfigureConsumer<OverlapEmailConsumer>(context);
            },
            async endpoint =>
            {
                for (var i = 0; i < ChangesPerCustomer; i++)
                {
                    for (var c = 0; c < Customers; c++)
                    {
                        await endpoint.Send(Registration($"C-{c}", 2 * i), TestContext.Current.CancellationToken);
                        await endpoint.Send(EmailChange($"C-{c}", (2 * i) + 1), TestContext.Current.CancellationToken);
                    }
                }
            },
            overlap.WaitFor(Customers * ChangesPerCustomer * 2));

        Assert.Equal(0, overlap.Overlaps);
        Assert.True(overlap.MaxItemsAtOnce > 1, "different customers still run in parallel");
    }

    private static void AssertInOrder(ConcurrentQueue<(string Customer, int Index)> seen)
    {
        Assert.Equal(Customers * ChangesPerCustomer, seen.Count);
        foreach (var customer in seen.GroupBy(x => x.Customer))
            Assert.Equal(Enumerable.Range(0, ChangesPerCustomer), customer.Select(x => x.Index));
    }

    private static async Task<ConcurrentQueue<(string Customer, int Index)>> Run(string queue, TransportSetup transport)
    {
        var seen = new ConcurrentQueue<(string, int)>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await RunOrdered(queue, transport, new OrderingProbe(seen, done, Customers * ChangesPerCustomer),
            x => x.AddConsumer<OrderingProbeConsumer>(),
            (e, context) => e.ConfigureConsumer<OrderingProbeConsumer>(context),
            async endpoint =>
            {
                // Interleaved: one change of each customer in turn, the way a busy table's stream mixes items. A pause between
                // rounds: two changes of one item handed out at the same moment may reach the partition filter in either order
                // (it runs after deserialization, on the endpoint's concurrent tasks), which the filter does not promise to
                // order; a change received a few milliseconds later must wait for the earlier one, whose work takes up to 15 ms.
                for (var i = 0; i < ChangesPerCustomer; i++)
                {
                    for (var c = 0; c < Customers; c++)
                        await endpoint.Send(EmailChange($"C-{c}", i), TestContext.Current.CancellationToken);
                    await Task.Delay(5, TestContext.Current.CancellationToken);
                }
            },
            done.Task);
        return seen;
    }

    /// <summary>
    /// One bus whose <paramref name="queue"/> consumes 8 messages at once through <c>UsePerItemOrdering(8)</c>: sends what
    /// <paramref name="send"/> sends straight to the queue, waits (at most 60 s) for <paramref name="done"/>, stops the bus.
    /// </summary>
    private static async Task RunOrdered<TProbe>(string queue, TransportSetup transport, TProbe probe, Action<IBusRegistrationConfigurator> addConsumers,
        Action<IReceiveEndpointConfigurator, IBusRegistrationContext> configureConsumers, Func<ISendEndpoint, Task> send, Task done)
        where TProbe : class
    {
        var services = new ServiceCollection();
        services.AddSingleton(probe);
        services.AddMassTransit(x =>
        {
            addConsumers(x);
            transport(x, (context, cfg) => cfg.ReceiveEndpoint(queue, e =>
            {
                // Sent straight to the queue: not bound to the shared contract exchange other tests publish to.
                e.ConfigureConsumeTopology = false;
                e.ConcurrentMessageLimit = 8;
                e.UsePerItemOrdering(8);
                configureConsumers(e, context);
            }));
        });

        await using var provider = services.BuildServiceProvider(true);
        var bus = provider.GetRequiredService<IBusControl>();
        await bus.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            await send(await bus.GetSendEndpoint(new Uri($"queue:{queue}")));
            await done.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        }
        finally
        {
            await bus.StopAsync(CancellationToken.None);
        }
    }

    private static CustomerEmailChanged EmailChange(string customerId, int index) => new()
    {
        Change = new ChangeMetadata
        {
            SourceTable = "Customers",
            StreamEventId = $"{customerId}-{index}",
            SequenceNumber = (1000 + index).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ApproximateCreationTime = DateTimeOffset.UnixEpoch,
            EntityKey = $"customerId={customerId}",
            ChangeKind = ChangeKind.Modify,
            Source = ChangeSource.DynamoDbStreams,
        },
        CustomerId = customerId,
        Email = $"{index}",
    };

    private static CustomerRegistered Registration(string customerId, int index) => new()
    {
        Change = EmailChange(customerId, index).Change with { ChangeKind = ChangeKind.Insert },
        CustomerId = customerId,
        MarketingOptIn = false,
    };

    /// <summary>Counts, per customer, consumers that were running when another one of the same customer started.</summary>
    private sealed class OverlapProbe
    {
        private readonly ConcurrentDictionary<string, int> _running = new();
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _consumed;
        private int _expected = int.MaxValue;
        private int _overlaps;
        private int _itemsAtOnce;
        private int _maxItemsAtOnce;

        public int Overlaps => Volatile.Read(ref _overlaps);

        public int MaxItemsAtOnce => Volatile.Read(ref _maxItemsAtOnce);

        public Task WaitFor(int expected)
        {
            Volatile.Write(ref _expected, expected);
            if (Volatile.Read(ref _consumed) >= expected)
                _done.TrySetResult();
            return _done.Task;
        }

        public async Task Run(string customerId, CancellationToken cancellationToken)
        {
            if (_running.AddOrUpdate(customerId, 1, (_, n) => n + 1) > 1)
                Interlocked.Increment(ref _overlaps);
            var atOnce = Interlocked.Increment(ref _itemsAtOnce);
            int max;
            while (atOnce > (max = Volatile.Read(ref _maxItemsAtOnce)) && Interlocked.CompareExchange(ref _maxItemsAtOnce, atOnce, max) != max)
            {
            }

            try
            {
                await Task.Delay(Random.Shared.Next(1, 10), cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _itemsAtOnce);
                _running.AddOrUpdate(customerId, 0, (_, n) => n - 1);
                if (Interlocked.Increment(ref _consumed) >= Volatile.Read(ref _expected))
                    _done.TrySetResult();
            }
        }
    }

    private sealed class OverlapRegisteredConsumer(OverlapProbe probe) : IConsumer<CustomerRegistered>
    {
        public Task Consume(ConsumeContext<CustomerRegistered> context) => probe.Run(context.Message.CustomerId, context.CancellationToken);
    }

    private sealed class OverlapEmailConsumer(OverlapProbe probe) : IConsumer<CustomerEmailChanged>
    {
        public Task Consume(ConsumeContext<CustomerEmailChanged> context) => probe.Run(context.Message.CustomerId, context.CancellationToken);
    }

    private sealed record OrderingProbe(ConcurrentQueue<(string, int)> Seen, TaskCompletionSource Done, int Expected);

    private sealed class OrderingProbeConsumer(OrderingProbe probe) : IConsumer<CustomerEmailChanged>
    {
        public async Task Consume(ConsumeContext<CustomerEmailChanged> context)
        {
            // Varying work per message: without per-item ordering a later change of the same customer overtakes an earlier one.
            await Task.Delay(Random.Shared.Next(0, 15), context.CancellationToken);
            probe.Seen.Enqueue((context.Message.CustomerId, int.Parse(context.Message.Email!, System.Globalization.CultureInfo.InvariantCulture)));
            if (probe.Seen.Count == probe.Expected)
                probe.Done.TrySetResult();
        }
    }
}
