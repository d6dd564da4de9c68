using Microsoft.Extensions.Logging;

namespace Bus.Consumers.Marketing.Gateway;

/// <summary>Log lines of the gateway consumers: ids and keys only, never contact data.</summary>
internal static partial class GatewayLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Marketing platform accepted POST {Path} for customer {CustomerId} ({IdempotencyKey})")]
    public static partial void Delivered(ILogger logger, string path, string customerId, string idempotencyKey);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Skipped POST {Path} for customer {CustomerId}: {IdempotencyKey} was delivered before")]
    public static partial void AlreadyDelivered(ILogger logger, string path, string customerId, string idempotencyKey);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Skipped sync of customer {CustomerId} ({IdempotencyKey}): the contact is erased")]
    public static partial void SkippedErased(ILogger logger, string customerId, string idempotencyKey);
}
