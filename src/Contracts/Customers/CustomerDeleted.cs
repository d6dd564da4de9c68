using MassTransit;

namespace Bus.Contracts.Customers;

/// <summary>
/// A customer was deleted: an item was removed from the Customers table, by the application or by DynamoDB's TTL
/// process.
/// </summary>
/// <remarks>
/// Consumers must erase the customer's personal data either way, whatever <see cref="ExpiredByTtl"/> says.
/// </remarks>
[MessageUrn("Bus.Contracts.Customers:CustomerDeleted")]
[EntityName("Bus.Contracts.Customers:CustomerDeleted")]
public sealed record CustomerDeleted : IChangeEvent
{
    /// <inheritdoc/>
    public required ChangeMetadata Change { get; init; }

    /// <summary>The customer's id: the table's partition key <c>customerId</c>.</summary>
    public required string CustomerId { get; init; }

    /// <summary>
    /// True when DynamoDB's time-to-live process removed the item (the stream record's <c>userIdentity</c> has
    /// type <c>Service</c> and principal <c>dynamodb.amazonaws.com</c>); false for a delete by the application.
    /// </summary>
    public required bool ExpiredByTtl { get; init; }
}
