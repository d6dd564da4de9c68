using Microsoft.Extensions.Options;

namespace Bus.Consumers.Notifications.Gateway;

/// <summary>Queue <c>notifications-purchasing-gateway</c>.</summary>
public sealed class PurchasingAlertGatewayConsumerDefinition(NotificationsEndpoints endpoints, IOptions<NotificationsOptions> options)
    : GatewayDefinition<PurchasingAlertGatewayConsumer>(endpoints?.PurchasingGateway ?? throw new ArgumentNullException(nameof(endpoints)), options);
