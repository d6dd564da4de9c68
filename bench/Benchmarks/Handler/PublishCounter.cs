using MassTransit;

namespace Bus.Benchmarks.Handler;

/// <summary>Counts the messages the bus has published, observed on the bus itself.</summary>
internal sealed class PublishCounter : IPublishObserver
{
    private long _published;
    private long _faulted;

    public long Published => Interlocked.Read(ref _published);

    public long Faulted => Interlocked.Read(ref _faulted);

    public Task PrePublish<T>(PublishContext<T> context)
        where T : class => Task.CompletedTask;

    public Task PostPublish<T>(PublishContext<T> context)
        where T : class
    {
        Interlocked.Increment(ref _published);
        return Task.CompletedTask;
    }

    public Task PublishFault<T>(PublishContext<T> context, Exception exception)
        where T : class
    {
        Interlocked.Increment(ref _faulted);
        return Task.CompletedTask;
    }
}
