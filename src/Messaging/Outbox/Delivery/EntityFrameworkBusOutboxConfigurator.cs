using MassTransit;
using MassTransit.DependencyInjection;
using MassTransit.Middleware.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bus.Messaging.Outbox.Delivery;

internal sealed class EntityFrameworkBusOutboxConfigurator<TDbContext> : IEntityFrameworkBusOutboxConfigurator
    where TDbContext : DbContext
{
    private readonly IBusRegistrationConfigurator _configurator;
    private readonly IEntityFrameworkOutboxConfigurator _outbox;
    private bool _registerDeliveryService = true;

    public EntityFrameworkBusOutboxConfigurator(IBusRegistrationConfigurator configurator, IEntityFrameworkOutboxConfigurator outbox)
    {
        _configurator = configurator;
        _outbox = outbox;
    }

    public int MessageDeliveryLimit { get; set; } = 100;

    public TimeSpan MessageDeliveryTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public void DisableDeliveryService()
    {
        _registerDeliveryService = false;
    }

    public void Configure(Action<IEntityFrameworkBusOutboxConfigurator>? configure)
    {
        configure?.Invoke(this);

        _configurator.ReplaceScoped<IScopedBusContextProvider<IBus>, EntityFrameworkScopedBusContextProvider<IBus, TDbContext>>();
        _configurator.AddSingleton<IBusOutboxNotification, BusOutboxNotification>();

        if (!_registerDeliveryService)
            return;

        _configurator.AddHostedService<BusOutboxDeliveryService<TDbContext>>();
        _configurator.AddOptions<OutboxDeliveryServiceOptions>().Configure(options =>
        {
            options.QueryDelay = _outbox.QueryDelay;
            options.QueryMessageLimit = _outbox.QueryMessageLimit;
            options.QueryTimeout = _outbox.QueryTimeout;
            options.MessageDeliveryLimit = MessageDeliveryLimit;
            options.MessageDeliveryTimeout = MessageDeliveryTimeout;
        });
    }
}
