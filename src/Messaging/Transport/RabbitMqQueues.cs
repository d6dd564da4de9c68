using RabbitMQ.Client;

namespace Bus.Messaging.Transport;

/// <summary>Helpers for the operator tools' plain AMQP work on queues.</summary>
public static class RabbitMqQueues
{
    /// <summary>
    /// Waits until <paramref name="queue"/> holds at least <paramref name="expected"/> ready messages, for at most
    /// <paramref name="timeout"/>. A nack with requeue has no reply and RabbitMQ answers a message count ahead of
    /// returns still on their way into the queue, so a tool that returned messages waits here: when it exits, the
    /// queue is back as it was, and a command run right after it (a move after a dry run) sees every message.
    /// </summary>
    /// <returns>False when the count was not reached in time (someone else took messages meanwhile).</returns>
    public static async Task<bool> WaitForReadyAsync(IChannel channel, string queue, long expected, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if ((await channel.QueueDeclarePassiveAsync(queue)).MessageCount >= expected)
            {
                return true;
            }

            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(20);
        }
    }
}
