namespace Bus.Consumers.Notifications.Contacts;

/// <summary>On the domain endpoint, behind the inbox/outbox.</summary>
public sealed class NotificationContactRegisteredConsumerDefinition(NotificationsEndpoints endpoints)
    : NotificationsDomainDefinition<NotificationContactRegisteredConsumer>(endpoints);
