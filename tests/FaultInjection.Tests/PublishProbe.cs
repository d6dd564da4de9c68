using System.Text.Json;
using Bus.Contracts.Customers;
using Bus.Contracts.Inventory;
using Bus.Contracts.Orders;
using RabbitMQ.Client;

namespace Bus.FaultInjection.Tests;

/// <summary>
/// A queue of the run's own bound to every event exchange, so it holds what the bridge published in the order the broker
/// took it, copies included. Read at the end, it shows whether the bridge kept each item's changes in stream order
/// (the first copy of each change must come after the first copy of every earlier change of the item), independently of
/// how the services then consumed them.
/// </summary>
public sealed class PublishProbe(ConnectionFactory factory, string queue)
{
    /// <summary>Ends the probe queue's name (not a queue of any service).</summary>
    public const string Suffix = "-publish-probe";

    private static readonly Type[] Events =
    [
        typeof(CustomerRegistered), typeof(CustomerEmailChanged), typeof(CustomerAddressChanged), typeof(CustomerPhoneChanged),
        typeof(CustomerMarketingConsentChanged), typeof(CustomerDeleted), typeof(OrderPlaced), typeof(OrderStatusChanged),
        typeof(OrderShipped), typeof(OrderDelivered), typeof(OrderCancelled), typeof(StockLevelChanged), typeof(LowStockDetected),
        typeof(ProductDiscontinued),
    ];

    public async Task DeclareAsync(CancellationToken cancellationToken)
    {
        await using var connection = await factory.CreateConnectionAsync(cancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken);
        foreach (var type in Events)
        {
            // As MassTransit declares a message type's exchange: fanout, durable.
            var exchange = $"{type.Namespace}:{type.Name}";
            await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken);
            await channel.QueueBindAsync(queue, exchange, string.Empty, cancellationToken: cancellationToken);
        }
    }

    /// <summary>Takes every message out of the probe queue: (stream event id, event type), in the broker's order.</summary>
    public async Task<List<(string EventId, string Type)>> DrainAsync(CancellationToken cancellationToken)
    {
        var messages = new List<(string, string)>();
        await using var connection = await factory.CreateConnectionAsync(cancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        while (await channel.BasicGetAsync(queue, autoAck: true, cancellationToken) is { } message)
        {
            using var envelope = JsonDocument.Parse(message.Body);
            var root = envelope.RootElement;
            var type = root.GetProperty("messageType")[0].GetString() ?? string.Empty;
            var eventId = root.GetProperty("message").GetProperty("change").GetProperty("streamEventId").GetString() ?? string.Empty;
            messages.Add((eventId, type[(type.LastIndexOf(':') + 1)..]));
        }

        await channel.QueueDeleteAsync(queue, cancellationToken: cancellationToken);
        return messages;
    }
}
