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

    [Fact]
    public async Task Changes_of_one_item_are_consumed_in_the_order_received_while_items_run_in_parallel_in_memory()
    {
        var seen = await Run($"ordering-{Guid.NewGuid():N}", (x, configure) => x.UsingInMemory((context, cfg) => configure(context, cfg)));

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

    private static void AssertInOrder(ConcurrentQueue<(string Customer, int Index)> seen)
    {
        Assert.Equal(Customers * ChangesPerCustomer, seen.Count);
        foreach (var customer in seen.GroupBy(x => x.Customer))
            Assert.Equal(Enumerable.Range(0, ChangesPerCustomer), customer.Select(x => x.Index));
    }

    private static async Task<ConcurrentQueue<(string Customer, int Index)>> Run(string queue,
        Action<IBusRegistrationConfigurator, Action<IBusRegistrationContext, IBusFactoryConfigurator>> transport)
    {
        var seen = new ConcurrentQueue<(string, int)>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var services = new ServiceCollection();
        services.AddSingleton(new OrderingProbe(seen, done, Customers * ChangesPerCustomer));
        services.AddMassTransit(x =>
        {
            x.AddConsumer<OrderingProbeConsumer>();
            transport(x, (context, cfg) => cfg.ReceiveEndpoint(queue, e =>
            {
                // Sent straight to the queue: not bound to the shared contract exchange other tests publish to.
                e.ConfigureConsumeTopology = false;
                e.ConcurrentMessageLimit = 8;
                e.UsePerItemOrdering(8);
                e.ConfigureConsumer<OrderingProbeConsumer>(context);
            }));
        });

        await using var provider = services.BuildServiceProvider(true);
        var bus = provider.GetRequiredService<IBusControl>();
        await bus.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            var endpoint = await bus.GetSendEndpoint(new Uri($"queue:{queue}"));
            // Interleaved: one change of each customer in turn, the way a busy table's stream mixes items.
            for (var i = 0; i < ChangesPerCustomer; i++)
            {
                for (var c = 0; c < Customers; c++)
                    await endpoint.Send(EmailChange($"C-{c}", i), TestContext.Current.CancellationToken);
            }

            await done.Task.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        }
        finally
        {
            await bus.StopAsync(CancellationToken.None);
        }

        return seen;
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
