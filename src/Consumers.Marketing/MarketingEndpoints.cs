using Bus.Messaging.Transport;
using Microsoft.Extensions.Configuration;

namespace Bus.Consumers.Marketing;

/// <summary>
/// The service's queue names: <c>marketing</c> for the customer events, <c>marketing-platform-gateway</c> for the calls to the
/// marketing platform, both behind <c>Bus:EndpointPrefix</c> when one is set (explicit endpoint names bypass MassTransit's
/// name formatter, so the prefix is applied here).
/// </summary>
public sealed class MarketingEndpoints
{
    public const string ContactsName = "marketing";
    public const string PlatformGatewayName = "marketing-platform-gateway";

    public MarketingEndpoints(string? prefix)
    {
        var head = string.IsNullOrEmpty(prefix) ? string.Empty : prefix.TrimEnd('-') + "-";
        Contacts = head + ContactsName;
        PlatformGateway = head + PlatformGatewayName;
    }

    /// <summary>The receive endpoint of the four customer-event consumers (inbox/outbox).</summary>
    public string Contacts { get; }

    /// <summary>The receive endpoint of the gateway consumers that call the marketing platform.</summary>
    public string PlatformGateway { get; }

    public Uri PlatformGatewayAddress => new($"queue:{PlatformGateway}");

    public static MarketingEndpoints From(IConfiguration configuration) =>
        new(configuration.GetSection(BusTransportOptions.SectionName)[nameof(BusTransportOptions.EndpointPrefix)]);
}
