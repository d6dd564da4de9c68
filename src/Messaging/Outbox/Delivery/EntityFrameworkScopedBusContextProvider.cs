using MassTransit;
using MassTransit.DependencyInjection;
using MassTransit.Middleware.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Bus.Messaging.Outbox.Delivery;

/// <summary>
/// Replaces MassTransit's scoped <c>IPublishEndpoint</c>/<c>ISendEndpointProvider</c>: inside a consumer they publish through
/// the consume context (and so through the consumer outbox); anywhere else they write <see cref="OutboxMessage"/> rows to the
/// scope's <typeparamref name="TDbContext"/>, which go out when the caller saves its changes.
/// </summary>
internal sealed class EntityFrameworkScopedBusContextProvider<TBus, TDbContext> : IScopedBusContextProvider<TBus>, IDisposable
    where TBus : class, IBus
    where TDbContext : DbContext
{
    public EntityFrameworkScopedBusContextProvider(TBus bus, TDbContext dbContext, IBusOutboxNotification notification,
        Bind<TBus, IClientFactory> clientFactory, Bind<TBus, IScopedConsumeContextProvider> consumeContextProvider,
        IScopedConsumeContextProvider globalConsumeContextProvider, IServiceProvider provider)
    {
        if (consumeContextProvider.Value.HasContext)
            Context = new ConsumeContextScopedBusContext(consumeContextProvider.Value.GetContext(), clientFactory.Value);
        else if (globalConsumeContextProvider.HasContext)
            Context = new ConsumeContextScopedBusContext<TBus>(bus, globalConsumeContextProvider.GetContext(), clientFactory.Value, provider);
        else
            Context = new EntityFrameworkScopedBusContext<TBus, TDbContext>(bus, dbContext, notification, clientFactory.Value, provider);
    }

    public ScopedBusContext Context { get; }

    public void Dispose()
    {
        (Context as IDisposable)?.Dispose();
    }
}
