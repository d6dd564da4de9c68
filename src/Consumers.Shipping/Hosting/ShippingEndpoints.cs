using Bus.Messaging.Transport;
using MassTransit;
using Microsoft.Extensions.Configuration;

namespace Bus.Consumers.Shipping.Hosting;

/// <summary>
/// The service's queue names, with the configured <c>Bus:EndpointPrefix</c> (test runs and environments sharing a broker):
/// <c>shipping</c> for every domain consumer, behind the inbox/outbox, and <c>shipping-system-gateway</c> for the calls.
/// </summary>
public sealed record ShippingEndpoints(string Domain, string Gateway)
{
    public const string DomainName = "shipping";
    public const string GatewayName = "shipping-system-gateway";

    public Uri GatewayAddress => new($"queue:{Gateway}");

    /// <summary>Sends a command to the gateway through the consume context, so the outbox holds it until the consumer's
    /// transaction committed.</summary>
    public async Task SendToGateway<T>(ConsumeContext context, T command)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        var endpoint = await context.GetSendEndpoint(GatewayAddress);
        await endpoint.Send(command, context.CancellationToken);
    }

    public static ShippingEndpoints From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var prefix = configuration.GetSection(BusTransportOptions.SectionName).Get<BusTransportOptions>()?.EndpointPrefix;
        return string.IsNullOrEmpty(prefix)
            ? new(DomainName, GatewayName)
            : new($"{prefix}-{DomainName}", $"{prefix}-{GatewayName}");
    }
}
