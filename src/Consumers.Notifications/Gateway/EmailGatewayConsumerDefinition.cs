using Microsoft.Extensions.Options;

namespace Bus.Consumers.Notifications.Gateway;

/// <summary>Queue <c>notifications-email-gateway</c>.</summary>
public sealed class EmailGatewayConsumerDefinition(NotificationsEndpoints endpoints, IOptions<NotificationsOptions> options)
    : GatewayDefinition<EmailGatewayConsumer>(endpoints?.EmailGateway ?? throw new ArgumentNullException(nameof(endpoints)), options);
