namespace Bus.Consumers.Notifications.Orders;

/// <summary>On the domain endpoint, behind the inbox/outbox and its contact-not-yet-known retry.</summary>
public sealed class OrderShippedEmailConsumerDefinition(NotificationsEndpoints endpoints)
    : NotificationsDomainDefinition<OrderShippedEmailConsumer>(endpoints);
