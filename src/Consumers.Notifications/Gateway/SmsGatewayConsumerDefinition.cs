using Microsoft.Extensions.Options;

namespace Bus.Consumers.Notifications.Gateway;

/// <summary>Queue <c>notifications-sms-gateway</c>.</summary>
public sealed class SmsGatewayConsumerDefinition(NotificationsEndpoints endpoints, IOptions<NotificationsOptions> options)
    : GatewayDefinition<SmsGatewayConsumer>(endpoints?.SmsGateway ?? throw new ArgumentNullException(nameof(endpoints)), options);
