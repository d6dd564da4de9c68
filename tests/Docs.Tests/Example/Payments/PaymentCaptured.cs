using MassTransit;

namespace Bus.Contracts.Payments;

/// <summary>A payment was captured: its <c>status</c> became <c>CAPTURED</c> (or it was created so).</summary>
[MessageUrn("Bus.Contracts.Payments:PaymentCaptured")]
[EntityName("Bus.Contracts.Payments:PaymentCaptured")]
public sealed record PaymentCaptured : IChangeEvent
{
    /// <inheritdoc/>
    public required ChangeMetadata Change { get; init; }

    /// <summary>The payment's id: the Payments table's partition key <c>paymentId</c>.</summary>
    public required string PaymentId { get; init; }

    /// <summary>The order paid for (<c>orderId</c>).</summary>
    public required string OrderId { get; init; }

    /// <summary>The amount captured (<c>amount</c>), exactly as stored.</summary>
    public required decimal Amount { get; init; }

    /// <summary>ISO 4217 code (<c>currency</c>); null when the item has none.</summary>
    public string? Currency { get; init; }
}
