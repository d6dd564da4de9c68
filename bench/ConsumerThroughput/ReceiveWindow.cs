using MassTransit;

namespace Bus.ConsumerThroughput;

/// <summary>
/// A <see cref="MessageWindow"/> fed by a MassTransit receive observer: the receive callbacks decide which receives open
/// and close the window; the consume callbacks are not needed.
/// </summary>
public abstract class ReceiveWindow(int expected) : MessageWindow(expected), IReceiveObserver
{
    public abstract Task PreReceive(ReceiveContext context);

    public abstract Task PostReceive(ReceiveContext context);

    public abstract Task ReceiveFault(ReceiveContext context, Exception exception);

    public Task PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType)
        where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception)
        where T : class => Task.CompletedTask;
}
