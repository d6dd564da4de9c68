using System.Collections.Concurrent;
using Bus.Contracts;
using MassTransit;

namespace Bus.StreamBridge.Tests.BadInput;

/// <summary>
/// Every publish the bus confirms, repeats included. The harness's own published list keeps one entry per message
/// id, so it cannot show a message published twice; "exactly once" needs every publish.
/// </summary>
internal sealed class PublishRecorder : IPublishObserver
{
    private readonly ConcurrentQueue<PublishedEvent> _published = new();

    /// <summary>Removes and returns the publishes recorded so far, so a long run holds only one invocation's.</summary>
    public List<PublishedEvent> Drain()
    {
        var published = new List<PublishedEvent>(_published.Count);
        while (_published.TryDequeue(out var one))
        {
            published.Add(one);
        }

        return published;
    }

    public Task PrePublish<T>(PublishContext<T> context)
        where T : class => Task.CompletedTask;

    public Task PostPublish<T>(PublishContext<T> context)
        where T : class
    {
        _published.Enqueue(new PublishedEvent(context.MessageId!.Value, typeof(T).Name, ((IChangeEvent)context.Message).Change));
        return Task.CompletedTask;
    }

    public Task PublishFault<T>(PublishContext<T> context, Exception exception)
        where T : class => Task.CompletedTask;
}
