namespace Bus.Consumers.Notifications.Contacts;

/// <summary>On the domain endpoint, behind the inbox/outbox.</summary>
public sealed class NotificationContactPhoneConsumerDefinition(NotificationsEndpoints endpoints)
    : NotificationsDomainDefinition<NotificationContactPhoneConsumer>(endpoints);
