using Bus.TestSupport;
using Bus.Messaging.Outbox;
using Bus.Messaging.Tests.Outbox;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bus.Messaging.Tests.Infrastructure;

/// <summary>Builds the service registrations under test: a service's DbContext, the inbox/outbox and the test consumers.</summary>
public static class OutboxTestHost
{
    /// <summary>One bus on MassTransit's in-memory transport with the test harness.</summary>
    public static ServiceProvider Harness(TestStore store, TestProbe probe, Action<IEntityFrameworkOutboxConfigurator>? outbox = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(probe);
        var inboxLocks = new InboxLockCounter(probe);
        services.AddDbContext<TestDbContext>(o =>
        {
            store.ConfigureDbContext(o);
            o.AddInterceptors(inboxLocks);
        });
        services.AddMassTransitTestHarness(x =>
        {
            x.SetKebabCaseEndpointNameFormatter();
            x.AddEntityFrameworkOutbox<TestDbContext>(o =>
            {
                store.ConfigureOutbox(o);
                outbox?.Invoke(o);
            });
            x.AddConsumer<OrderSubmittedConsumer, OrderSubmittedConsumerDefinition>();
            x.AddConsumer<OrderRecordedConsumer, OrderRecordedConsumerDefinition>();
            x.AddConsumer<AuditOrderConsumer>();
            x.UsingInMemory((context, cfg) =>
            {
                cfg.ConnectSendObserver(new DeliveryGate(probe));
                var faults = new FaultRecorder(probe);
                cfg.ConnectConsumeObserver(faults);
                cfg.ConnectReceiveObserver(faults);
                cfg.ConfigureEndpoints(context);
            });
        });
        return services.BuildServiceProvider(true);
    }

    /// <summary>
    /// One instance of a service on the real RabbitMQ: <paramref name="queue"/> consumes <see cref="OrderSubmitted"/> through the
    /// inbox/outbox; with <paramref name="downstream"/> it also hosts the queues that count what the outbox delivered.
    /// </summary>
    public static ServiceProvider RabbitMq(ServerFixture servers, TestStore store, TestProbe probe, string queue, bool downstream, bool retry)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(new InsertRaceCounter(probe)));
        services.AddSingleton(probe);
        services.AddDbContext<TestDbContext>(store.ConfigureDbContext);
        services.AddMassTransit(x =>
        {
            x.AddEntityFrameworkOutbox<TestDbContext>(store.ConfigureOutbox);
            x.AddConsumer<OrderSubmittedConsumer>();
            x.AddConsumer<OrderRecordedConsumer>();
            x.AddConsumer<AuditOrderConsumer>();
            x.UsingRabbitMq((context, cfg) =>
            {
                cfg.Host(servers.RabbitHost, (ushort)servers.RabbitPort, "/", h =>
                {
                    h.Username(servers.RabbitUser);
                    h.Password(servers.RabbitPassword);
                });
                var faults = new FaultRecorder(probe);
                cfg.ConnectConsumeObserver(faults);
                cfg.ConnectReceiveObserver(faults);

                cfg.ReceiveEndpoint(queue, e =>
                {
                    e.ConfigureConsumeTopology = false;
                    e.PrefetchCount = 16;
                    if (retry)
                        e.UseMessageRetry(r => r.Immediate(OrderSubmittedConsumerDefinition.RetryLimit));
                    e.UseEntityFrameworkOutbox<TestDbContext>(context);
                    e.ConfigureConsumer<OrderSubmittedConsumer>(context);
                });

                if (downstream)
                {
                    cfg.ReceiveEndpoint(queue + "-recorded", e => e.ConfigureConsumer<OrderRecordedConsumer>(context));
                    cfg.ReceiveEndpoint(queue + "-audit", e =>
                    {
                        e.ConfigureConsumeTopology = false;
                        e.ConfigureConsumer<AuditOrderConsumer>(context);
                    });
                }
            });
        });
        return services.BuildServiceProvider(true);
    }

    public static async Task CreateSchema(IServiceProvider provider)
    {
        await using var scope = provider.CreateAsyncScope();
        var dbContext = scope.ServiceProvider.GetRequiredService<TestDbContext>();
        await dbContext.Database.EnsureCreatedAsync();
        if (dbContext.Database.IsSqlite())
            await dbContext.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL");
    }

    public static async Task StartHostedServices(IServiceProvider provider)
    {
        foreach (var service in provider.GetServices<IHostedService>())
            await service.StartAsync(CancellationToken.None);
    }

    public static async Task StopHostedServices(IServiceProvider provider)
    {
        foreach (var service in provider.GetServices<IHostedService>().Reverse())
            await service.StopAsync(CancellationToken.None);
    }

    /// <summary>Runs a query against a fresh DbContext, as an observer outside the bus would.</summary>
    public static async Task<T> Query<T>(IServiceProvider provider, Func<TestDbContext, Task<T>> query)
    {
        await using var scope = provider.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<TestDbContext>());
    }
}
