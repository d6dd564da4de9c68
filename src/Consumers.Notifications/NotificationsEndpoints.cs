using Bus.Messaging.Transport;

namespace Bus.Consumers.Notifications;

/// <summary>
/// The service's queue names, with <c>Bus:EndpointPrefix</c> in front when one is set. Definitions name their
/// endpoints explicitly (MassTransit does not prefix an explicit name), so the prefix is applied here.
/// </summary>
public sealed class NotificationsEndpoints(string? prefix)
{
    /// <summary>The one domain endpoint: every event consumer, behind the inbox/outbox.</summary>
    public string Domain => Name("notifications");

    /// <summary>Gateway to the e-mail system (<see cref="Gateway.SendShipmentEmail"/>).</summary>
    public string EmailGateway => Name("notifications-email-gateway");

    /// <summary>Gateway to the SMS system (<see cref="Gateway.SendDeliverySms"/>).</summary>
    public string SmsGateway => Name("notifications-sms-gateway");

    /// <summary>Gateway to purchasing (<see cref="Gateway.SendPurchasingAlert"/>).</summary>
    public string PurchasingGateway => Name("notifications-purchasing-gateway");

    public IReadOnlyList<string> All => [Domain, EmailGateway, SmsGateway, PurchasingGateway];

    public static NotificationsEndpoints From(IConfiguration configuration) =>
        new(configuration.GetSection(BusTransportOptions.SectionName).Get<BusTransportOptions>()?.EndpointPrefix);

    public static Uri Queue(string name) => new($"queue:{name}");

    private string Name(string name) => string.IsNullOrEmpty(prefix) ? name : $"{prefix}-{name}";
}
