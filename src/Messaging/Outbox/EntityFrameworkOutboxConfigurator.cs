using System.Data;
using Bus.Messaging.Outbox.Delivery;
using Bus.Messaging.Outbox.Locking;
using MassTransit;
using MassTransit.Middleware;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bus.Messaging.Outbox;

internal sealed class EntityFrameworkOutboxConfigurator<TDbContext> : IEntityFrameworkOutboxConfigurator
    where TDbContext : DbContext
{
    private readonly IBusRegistrationConfigurator _configurator;
    private ILockStatementProvider _lockStatementProvider = new PostgresLockStatementProvider();
    private TimeSpan _duplicateDetectionWindow = OutboxDefaults.DuplicateDetectionWindow;
    private bool _registerInboxCleanupService = true;
    private Action<IEntityFrameworkBusOutboxConfigurator>? _busOutbox;
    private bool _useBusOutbox;

    public EntityFrameworkOutboxConfigurator(IBusRegistrationConfigurator configurator)
    {
        _configurator = configurator;
    }

    public TimeSpan DuplicateDetectionWindow
    {
        get => _duplicateDetectionWindow;
        set => _duplicateDetectionWindow = value > TimeSpan.Zero
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "The duplicate detection window must be positive.");
    }

    public IsolationLevel IsolationLevel { get; set; } = IsolationLevel.ReadCommitted;

    public ILockStatementProvider LockStatementProvider
    {
        get => _lockStatementProvider;
        set => _lockStatementProvider = value ?? throw new ArgumentNullException(nameof(value));
    }

    public TimeSpan QueryDelay { get; set; } = OutboxDefaults.QueryDelay;

    public int QueryMessageLimit { get; set; } = OutboxDefaults.QueryMessageLimit;

    public TimeSpan QueryTimeout { get; set; } = OutboxDefaults.QueryTimeout;

    public void DisableInboxCleanupService()
    {
        _registerInboxCleanupService = false;
    }

    public void UseBusOutbox(Action<IEntityFrameworkBusOutboxConfigurator>? configure = null)
    {
        _useBusOutbox = true;
        _busOutbox = configure;
    }

    public void Configure(Action<IEntityFrameworkOutboxConfigurator>? configure)
    {
        configure?.Invoke(this);

        _configurator.TryAddScoped<IOutboxContextFactory<TDbContext>, EntityFrameworkOutboxContextFactory<TDbContext>>();
        _configurator.AddOptions<EntityFrameworkOutboxOptions<TDbContext>>().Configure(options =>
        {
            options.IsolationLevel = IsolationLevel;
            options.LockStatementProvider = _lockStatementProvider;
        });

        if (_registerInboxCleanupService)
        {
            _configurator.AddHostedService<InboxCleanupService<TDbContext>>();
            _configurator.AddOptions<InboxCleanupServiceOptions<TDbContext>>().Configure(options =>
            {
                options.DuplicateDetectionWindow = _duplicateDetectionWindow;
                options.QueryDelay = QueryDelay;
                options.QueryMessageLimit = QueryMessageLimit;
                options.QueryTimeout = QueryTimeout;
            });
        }

        if (_useBusOutbox)
            new EntityFrameworkBusOutboxConfigurator<TDbContext>(_configurator, this).Configure(_busOutbox);
    }
}
