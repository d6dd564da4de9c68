namespace Bus.Consumers.Notifications.Contacts;

/// <summary>On the domain endpoint, behind the inbox/outbox.</summary>
public sealed class NotificationContactEmailConsumerDefinition(NotificationsEndpoints endpoints)
    : NotificationsDomainDefinition<NotificationContactEmailConsumer>(endpoints);
