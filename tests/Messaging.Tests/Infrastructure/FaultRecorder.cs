using Bus.Messaging.Tests.Outbox;
using MassTransit;

namespace Bus.Messaging.Tests.Infrastructure;

/// <summary>Records consumer faults and messages that failed for good, so tests can count them (and assert there were none).</summary>
public sealed class FaultRecorder(TestProbe probe) : IConsumeObserver, IReceiveObserver
{
    public Task PreConsume<T>(ConsumeContext<T> context)
        where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context)
        where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception)
        where T : class
    {
        probe.Faults.Enqueue(exception);
        return Task.CompletedTask;
    }

    public Task PreReceive(ReceiveContext context) => Task.CompletedTask;

    public Task PostReceive(ReceiveContext context) => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType)
        where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception)
        where T : class => Task.CompletedTask;

    public Task ReceiveFault(ReceiveContext context, Exception exception)
    {
        probe.ReceiveFaults.Enqueue(exception);
        return Task.CompletedTask;
    }
}
