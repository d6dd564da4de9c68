using Bus.Messaging.Transport;
using Microsoft.Extensions.Configuration;

namespace Loyalty;

/// <summary>The service's queues, behind <c>Bus:EndpointPrefix</c> when one is set (MassTransit does not prefix a name a
/// definition sets explicitly).</summary>
public sealed class LoyaltyEndpoints(string? prefix)
{
    /// <summary>The order events, behind the inbox/outbox.</summary>
    public string Orders => Name("loyalty");

    /// <summary>The commands that call the loyalty platform.</summary>
    public string Gateway => Name("loyalty-platform-gateway");

    public Uri GatewayAddress => new($"queue:{Gateway}");

    public static LoyaltyEndpoints From(IConfiguration configuration) =>
        new(configuration.GetSection(BusTransportOptions.SectionName).Get<BusTransportOptions>()?.EndpointPrefix);

    private string Name(string name) => string.IsNullOrEmpty(prefix) ? name : $"{prefix}-{name}";
}
