using MassTransit;
using MassTransit.Clients;
using MassTransit.DependencyInjection;
using MassTransit.Middleware;
using MassTransit.Middleware.Outbox;
using MassTransit.Serialization;
using MassTransit.Transports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Bus.Messaging.Outbox.Delivery;

/// <summary>
/// The bus outbox of one DI scope: the first publish or send adds an <see cref="OutboxState"/> row, every message an
/// <see cref="OutboxMessage"/> row with that OutboxId. Nothing reaches the broker unless the caller's SaveChanges commits them.
/// </summary>
internal sealed class EntityFrameworkScopedBusContext<TBus, TDbContext> : ScopedBusContext, OutboxSendContext, IDisposable
    where TBus : class, IBus
    where TDbContext : DbContext
{
    private readonly TBus _bus;
    private readonly IClientFactory _clientFactory;
    private readonly TDbContext _dbContext;
    private readonly IBusOutboxNotification _notification;
    private readonly IServiceProvider _provider;
    private readonly object _gate = new();
    private Guid _outboxId = NewId.NextGuid();
    private EntityEntry<OutboxState>? _outboxState;
    private IPublishEndpoint? _publishEndpoint;
    private IScopedClientFactory? _scopedClientFactory;
    private ISendEndpointProvider? _sendEndpointProvider;

    public EntityFrameworkScopedBusContext(TBus bus, TDbContext dbContext, IBusOutboxNotification notification, IClientFactory clientFactory,
        IServiceProvider provider)
    {
        _bus = bus;
        _dbContext = dbContext;
        _notification = notification;
        _clientFactory = clientFactory;
        _provider = provider;
    }

    public ISendEndpointProvider SendEndpointProvider => _sendEndpointProvider ??= new OutboxSendEndpointProvider(this, _bus);

    public IPublishEndpoint PublishEndpoint => _publishEndpoint ??= new PublishEndpoint(new OutboxPublishEndpointProvider(this, _bus));

    public IScopedClientFactory ClientFactory => _scopedClientFactory ??=
        new ScopedClientFactory(new ClientFactory(new ScopedClientFactoryContext(_clientFactory, _provider)), null);

    public Task AddSend<T>(SendContext<T> context)
        where T : class
    {
        lock (_gate)
        {
            // Once the scope's outbox was saved, later messages start a new outbox, delivered after the first.
            if (WasCommitted())
            {
                _notification.Delivered();
                _outboxId = NewId.NextGuid();
                _outboxState = null;
            }

            _outboxState ??= _dbContext.Add(new OutboxState
            {
                OutboxId = _outboxId,
                Created = DateTime.UtcNow,
                LockId = NewId.NextGuid(),
            });
        }

        _dbContext.Set<OutboxMessage>().AddSend(context, SystemTextJsonMessageSerializer.Instance, outboxId: _outboxId);
        return Task.CompletedTask;
    }

    public object? GetService(Type serviceType)
    {
        return _provider.GetService(serviceType);
    }

    public void Dispose()
    {
        // Wakes the delivery service instead of leaving the messages to its next poll.
        if (WasCommitted())
            _notification.Delivered();

        _outboxState = null;
    }

    private bool WasCommitted()
    {
        return _outboxState?.State == EntityState.Unchanged;
    }
}
