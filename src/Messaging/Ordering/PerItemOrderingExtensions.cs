using System.Text;
using Bus.Contracts;
using MassTransit;

namespace Bus.Messaging.Ordering;

/// <summary>
/// Per-item order on a receive endpoint that consumes several messages at once. The bridge publishes the changes of one
/// DynamoDB item in stream order and a queue hands them out in that order, but with a concurrency limit above one two
/// changes of the same item may run side by side and finish in either order; a consumer's stale check then keeps the final
/// state right, yet drops the effect of the older change (a registration that lands after a newer address change pushes
/// nothing). Partitioning by item makes one item's changes run one after another, in the order received, while different
/// items still run in parallel.
/// </summary>
public static class PerItemOrderingExtensions
{
    /// <summary>
    /// Consumes messages of one item (source table + entity key of <see cref="IChangeEvent.Change"/>) one at a time, in the
    /// order the endpoint received them. Messages that are not change events are partitioned by message id (no ordering).
    /// Put it after the retry filter and before the inbox/outbox: a message waiting for its next attempt then does not hold its
    /// partition (Notifications retries a message for minutes until its customer is known, and an unrelated item hashed to
    /// the same partition would wait as long); such a message loses its place among its item's changes, which the
    /// consumers' stale checks cover.
    /// </summary>
    /// <param name="configurator">The receive endpoint.</param>
    /// <param name="partitionCount">How many items may be consumed at once; use the endpoint's concurrency limit.</param>
    public static void UsePerItemOrdering(this IReceiveEndpointConfigurator configurator, int partitionCount)
    {
        ArgumentNullException.ThrowIfNull(configurator);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitionCount, 1);
        // One partitioner for the endpoint, created here: given only a count, MassTransit creates a partitioner each time it
        // builds the consume pipe, which is once per message type, so two event types of one item (a registration and an
        // e-mail change of one customer) would run side by side.
        var partitioner = configurator.CreatePartitioner(partitionCount);
        configurator.UsePartitioner<ConsumeContext>(partitioner, ItemKey, Encoding.UTF8);
    }

    /// <summary>The partition key of a received message: <c>table/entity key</c> of a change event, else its message id.</summary>
    public static string ItemKey(ConsumeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.TryGetMessage<IChangeEvent>(out var change))
            return string.Concat(change.Message.Change.SourceTable, "/", change.Message.Change.EntityKey);

        return context.MessageId?.ToString() ?? string.Empty;
    }
}
