using MassTransit;

namespace Bus.ConsumerThroughput;

/// <summary>
/// The window on MassTransit: a receive of the domain queue completes after the consumers ran and (with the inbox/outbox) their
/// transaction committed and the outbox was delivered.
/// </summary>
public sealed class DomainReceiveCounter(string queue, int expected) : ReceiveWindow(expected)
{
    public override Task PreReceive(ReceiveContext context)
    {
        if (IsDomain(context))
            Start();
        return Task.CompletedTask;
    }

    public override Task PostReceive(ReceiveContext context)
    {
        if (IsDomain(context))
            Complete();
        return Task.CompletedTask;
    }

    public override Task ReceiveFault(ReceiveContext context, Exception exception)
    {
        if (IsDomain(context))
            Fault();
        return Task.CompletedTask;
    }

    // The domain queue is also bound to the shared contract exchanges, so other runs' events may arrive on it: only ours count.
    private bool IsDomain(ReceiveContext context) =>
        context.InputAddress.AbsolutePath.EndsWith("/" + queue, StringComparison.Ordinal)
        && context is RabbitMqBasicConsumeContext rabbit
        && Guid.TryParse(rabbit.Properties.MessageId, out var id)
        && BenchEvent.IsBenchMessageId(id);
}
