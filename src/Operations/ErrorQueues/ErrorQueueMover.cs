using Bus.Messaging.Transport;
using MassTransit;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Bus.Operations.ErrorQueues;

/// <summary>
/// Lists and moves messages of a MassTransit error queue with plain AMQP, so it works without the management API.
/// A message is taken with a get that is not acknowledged, published to the service's queue through the default
/// exchange (which routes to exactly that queue, whatever else is bound to the queue's own exchange), and only
/// acknowledged in the error queue once the broker confirmed the publish. A crash in between leaves the message in
/// both queues, never in neither; the consumers' inboxes drop the copy by its message id. Messages that are only looked
/// at (a dry run, a listing, other types) are held until the end and then returned together: RabbitMQ puts a returned
/// message back in its original place, so the error queue's order is what it was.
/// </summary>
public sealed class ErrorQueueMover(IConnection connection)
{
    /// <summary>Added on every move: the error queue the message came from.</summary>
    public const string MovedFromHeader = "Bus-Moved-From-Error-Queue";

    /// <summary>Added on every move: how often the message has been moved back so far, so a message that keeps
    /// faulting can be told from one that faulted once.</summary>
    public const string MoveCountHeader = "Bus-Error-Queue-Moves";

    private static readonly TimeSpan ReturnTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Headers that describe the fault and are dropped on the way back: MassTransit's <c>MT-Fault-*</c>,
    /// <c>MT-Reason</c> and the <c>MT-Host-*</c> of the host that faulted, which it writes when it moves a message to
    /// the error queue, and <c>MT-Redelivery-Count</c>, which would otherwise cut the message's redelivery policy
    /// short. A message that faults again gets fresh ones.
    /// </summary>
    public static bool IsFaultHeader(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.StartsWith("MT-Fault-", StringComparison.Ordinal)
            || name.StartsWith("MT-Host-", StringComparison.Ordinal)
            || name == MessageHeaders.Reason
            || name == MessageHeaders.RedeliveryCount;
    }

    /// <summary>Looks at up to <paramref name="count"/> messages (of <paramref name="messageType"/>, when given)
    /// from the head of the error queue and leaves them all in their places.</summary>
    /// <exception cref="QueueNotFoundException">The error queue does not exist.</exception>
    public Task<MoveResult> ListAsync(ErrorQueueNames queues, int? count, string? messageType, CancellationToken cancellationToken) =>
        RunAsync(new MoveRequest(queues, DryRun: true, count, messageType), requireTarget: false, null, cancellationToken);

    /// <summary>Moves (or, for a dry run, counts) messages back to the service's queue, oldest first, and calls
    /// <paramref name="onMessage"/> as each one is done. Stops at the first message the broker does not confirm.</summary>
    /// <exception cref="QueueNotFoundException">The error queue or the service's queue does not exist.</exception>
    public Task<MoveResult> MoveAsync(MoveRequest request, Func<ExaminedMessage, Task>? onMessage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return RunAsync(request, requireTarget: true, onMessage, cancellationToken);
    }

    private async Task<MoveResult> RunAsync(
        MoveRequest request, bool requireTarget, Func<ExaminedMessage, Task>? onMessage, CancellationToken cancellationToken)
    {
        var (queue, errorQueue) = (request.Queues.Queue, request.Queues.ErrorQueue);
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
            cancellationToken);
        if (requireTarget)
        {
            await CountAsync(queue, cancellationToken);
        }

        // Only what is there now: a message that faults again while we work joins the end and waits for the next run.
        var found = await CountAsync(errorQueue, cancellationToken);
        var held = new List<ulong>();
        var examined = new List<ExaminedMessage>();
        var taken = 0;
        try
        {
            while (examined.Count < found && (request.Count is null || taken < request.Count))
            {
                if (await channel.BasicGetAsync(errorQueue, autoAck: false, cancellationToken) is not { } delivery)
                {
                    break;
                }

                var message = ErrorQueueMessage.From(delivery, examined.Count + 1);
                ExaminedMessage result;
                if (request.MessageType is { } type && !message.IsOfType(type))
                {
                    held.Add(message.DeliveryTag);
                    result = new ExaminedMessage(message, MessageFate.OtherType);
                }
                else if (request.DryRun)
                {
                    held.Add(message.DeliveryTag);
                    taken++;
                    result = new ExaminedMessage(message, MessageFate.WouldMove);
                }
                else if (await PublishAsync(channel, message, queue, errorQueue, cancellationToken) is { } problem)
                {
                    held.Add(message.DeliveryTag);
                    examined.Add(new ExaminedMessage(message, MessageFate.Failed, problem));
                    await (onMessage?.Invoke(examined[^1]) ?? Task.CompletedTask);
                    // Moving the ones behind it would put them ahead of it in the service's queue.
                    break;
                }
                else
                {
                    await channel.BasicAckAsync(message.DeliveryTag, multiple: false, cancellationToken);
                    taken++;
                    result = new ExaminedMessage(message, MessageFate.Moved);
                }

                examined.Add(result);
                await (onMessage?.Invoke(result) ?? Task.CompletedTask);
            }
        }
        finally
        {
            // One nack for all of them. Should the channel be gone, the broker returns them itself.
            if (held.Count > 0 && channel.IsOpen)
            {
                var ready = (await channel.QueueDeclarePassiveAsync(errorQueue, CancellationToken.None)).MessageCount;
                await channel.BasicNackAsync(held.Max(), multiple: true, requeue: true, CancellationToken.None);
                await RabbitMqQueues.WaitForReadyAsync(channel, errorQueue, ready + held.Count, ReturnTimeout);
            }
        }

        return new MoveResult(found, examined);

        async Task<uint> CountAsync(string name, CancellationToken token)
        {
            try
            {
                return (await channel.QueueDeclarePassiveAsync(name, token)).MessageCount;
            }
            catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == Constants.NotFound)
            {
                throw new QueueNotFoundException($"queue '{name}' does not exist", e);
            }
        }
    }

    /// <summary>Publishes the message to <paramref name="queue"/> and waits for the broker's confirm; returns why
    /// that failed, or null.</summary>
    private static async Task<string?> PublishAsync(
        IChannel channel, ErrorQueueMessage message, string queue, string errorQueue, CancellationToken cancellationToken)
    {
        var properties = new BasicProperties(message.Properties);
        var headers = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in message.Headers)
        {
            if (!IsFaultHeader(name))
            {
                headers[name] = value;
            }
        }

        headers[MovedFromHeader] = errorQueue;
        headers[MoveCountHeader] = message.MoveCount + 1;
        properties.Headers = headers;
        try
        {
            // Mandatory: if the queue vanished since the check, the broker returns the message instead of dropping it.
            await channel.BasicPublishAsync(string.Empty, queue, mandatory: true, properties, message.Body, cancellationToken);
            return null;
        }
        catch (RabbitMQ.Client.Exceptions.PublishException e)
        {
            return e.IsReturn
                ? $"the broker could not route it to queue '{queue}'"
                : "the broker refused it (negative publisher confirm)";
        }
    }
}
