using Microsoft.Extensions.Logging;

namespace Bus.Consumers.Shipping.Hosting;

/// <summary>The service's log lines. Ids only: never an address, a name or any other personal data.</summary>
public static partial class ShippingLog
{
    [LoggerMessage(1, LogLevel.Debug, "Ignored {EventType} for {EntityId}: stale or duplicate change (sequence {SequenceNumber}, version {ItemVersion})")]
    public static partial void StaleChangeIgnored(ILogger logger, string eventType, string entityId, string sequenceNumber, long? itemVersion);

    [LoggerMessage(2, LogLevel.Information, "Recorded the shipping address of customer {CustomerId} from {EventType}")]
    public static partial void AddressRecorded(ILogger logger, string customerId, string eventType);

    [LoggerMessage(3, LogLevel.Information, "Erased the shipping address of customer {CustomerId}")]
    public static partial void AddressErased(ILogger logger, string customerId);

    [LoggerMessage(4, LogLevel.Debug, "Projected {EventType} onto the tracking of order {OrderId}")]
    public static partial void TrackingProjected(ILogger logger, string eventType, string orderId);

    [LoggerMessage(5, LogLevel.Information, "Requested a shipment for order {OrderId} (address known: {AddressKnown})")]
    public static partial void ShipmentRequested(ILogger logger, string orderId, bool addressKnown);

    [LoggerMessage(6, LogLevel.Information, "Requested the cancellation of the shipment of order {OrderId}")]
    public static partial void ShipmentCancellationRequested(ILogger logger, string orderId);

    [LoggerMessage(7, LogLevel.Information, "Delivered {IdempotencyKey} to POST {Path}")]
    public static partial void EffectDelivered(ILogger logger, string idempotencyKey, string path);

    [LoggerMessage(8, LogLevel.Debug, "Skipped {IdempotencyKey}: already delivered")]
    public static partial void EffectAlreadyDelivered(ILogger logger, string idempotencyKey);
}
