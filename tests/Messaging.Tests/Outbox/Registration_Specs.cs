using System.Data;
using Bus.Messaging.Outbox;
using Bus.Messaging.Outbox.Locking;
using MassTransit;
using MassTransit.Middleware;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Bus.Messaging.Tests.Outbox;

/// <summary>What <c>AddEntityFrameworkOutbox</c> registers and which defaults it picks; no server needed.</summary>
public sealed class Registration_Specs
{
    [Fact]
    public void Default_duplicate_detection_window_is_seven_days_which_outlives_stream_retries()
    {
        using var provider = Register(_ => { });

        var cleanup = provider.GetRequiredService<IOptions<InboxCleanupServiceOptions<TestDbContext>>>().Value;

        Assert.Equal(TimeSpan.FromDays(7), cleanup.DuplicateDetectionWindow);
        Assert.True(cleanup.DuplicateDetectionWindow >= TimeSpan.FromHours(24));
        Assert.Equal(TimeSpan.FromSeconds(10), cleanup.QueryDelay);
        Assert.Equal(100, cleanup.QueryMessageLimit);
    }

    [Fact]
    public void Default_transaction_is_read_committed_with_postgres_row_locks()
    {
        using var provider = Register(_ => { });

        var options = provider.GetRequiredService<IOptions<EntityFrameworkOutboxOptions<TestDbContext>>>().Value;

        Assert.Equal(IsolationLevel.ReadCommitted, options.IsolationLevel);
        Assert.IsType<PostgresLockStatementProvider>(options.LockStatementProvider);
    }

    [Fact]
    public void Configured_window_query_delay_and_batch_size_reach_the_cleanup_service()
    {
        using var provider = Register(o =>
        {
            o.UseSqlite();
            o.DuplicateDetectionWindow = TimeSpan.FromDays(400);
            o.QueryDelay = TimeSpan.FromMinutes(1);
            o.QueryMessageLimit = 500;
        });

        var cleanup = provider.GetRequiredService<IOptions<InboxCleanupServiceOptions<TestDbContext>>>().Value;
        var options = provider.GetRequiredService<IOptions<EntityFrameworkOutboxOptions<TestDbContext>>>().Value;

        Assert.Equal(TimeSpan.FromDays(400), cleanup.DuplicateDetectionWindow);
        Assert.Equal(TimeSpan.FromMinutes(1), cleanup.QueryDelay);
        Assert.Equal(500, cleanup.QueryMessageLimit);
        Assert.IsType<SqliteLockStatementProvider>(options.LockStatementProvider);
    }

    [Fact]
    public void A_window_that_is_not_positive_is_rejected()
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => Register(o => o.DuplicateDetectionWindow = TimeSpan.Zero));

        Assert.Equal("value", exception.ParamName);
    }

    [Fact]
    public async Task Outbox_context_factory_is_scoped_to_the_consume_scope()
    {
        await using var provider = Register(_ => { });
        await using var scope = provider.CreateAsyncScope();

        var factory = scope.ServiceProvider.GetRequiredService<IOutboxContextFactory<TestDbContext>>();

        Assert.Same(factory, scope.ServiceProvider.GetRequiredService<IOutboxContextFactory<TestDbContext>>());
        Assert.Equal("EntityFrameworkOutboxContextFactory`1", factory.GetType().Name);
    }

    private static ServiceProvider Register(Action<IEntityFrameworkOutboxConfigurator> configure)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDbContext<TestDbContext>(o => o.UseNpgsql("Host=127.0.0.1;Database=unused"));
        services.AddMassTransit(x =>
        {
            x.AddEntityFrameworkOutbox<TestDbContext>(configure);
            x.UsingInMemory();
        });
        return services.BuildServiceProvider(true);
    }
}
