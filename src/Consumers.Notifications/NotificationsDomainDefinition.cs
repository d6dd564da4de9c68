using MassTransit;

namespace Bus.Consumers.Notifications;

/// <summary>
/// Puts a domain consumer on the service's one domain endpoint (<see cref="NotificationsEndpoints.Domain"/>). Its retry
/// and the inbox/outbox are configured once for that endpoint in <see cref="NotificationsServiceExtensions"/>, not here:
/// per consumer they would be connected once for each.
/// </summary>
public abstract class NotificationsDomainDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    protected NotificationsDomainDefinition(NotificationsEndpoints endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        EndpointName = endpoints.Domain;
    }
}
