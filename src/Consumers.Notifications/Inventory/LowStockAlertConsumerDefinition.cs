namespace Bus.Consumers.Notifications.Inventory;

/// <summary>On the domain endpoint, behind the inbox/outbox.</summary>
public sealed class LowStockAlertConsumerDefinition(NotificationsEndpoints endpoints)
    : NotificationsDomainDefinition<LowStockAlertConsumer>(endpoints);
