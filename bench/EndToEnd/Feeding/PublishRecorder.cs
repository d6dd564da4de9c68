using System.Collections.Concurrent;
using Bus.Contracts;
using Bus.Contracts.Customers;
using MassTransit;

namespace Bus.EndToEnd.Feeding;

/// <summary>Records every event the bridge's bus published: what the services are sent, hence what they must do.</summary>
internal sealed class PublishRecorder : IPublishObserver
{
    private readonly ConcurrentQueue<PublishedEvent> _events = new();
    private int _faults;

    public int Count => _events.Count;

    public int Faults => _faults;

    public IReadOnlyList<PublishedEvent> Snapshot() => [.. _events];

    public Task PrePublish<T>(PublishContext<T> context)
        where T : class => Task.CompletedTask;

    public Task PostPublish<T>(PublishContext<T> context)
        where T : class
    {
        if (context.Message is IChangeEvent change)
        {
            var (customerId, hasAddress) = change switch
            {
                CustomerRegistered registered => (registered.CustomerId, registered.Address is not null),
                CustomerEmailChanged email => (email.CustomerId, false),
                CustomerMarketingConsentChanged consent => (consent.CustomerId, false),
                CustomerAddressChanged address => (address.CustomerId, false),
                CustomerPhoneChanged phone => (phone.CustomerId, false),
                CustomerDeleted deleted => (deleted.CustomerId, false),
                _ => ((string?)null, false),
            };
            _events.Enqueue(new PublishedEvent(change.GetType().Name, change.Change.StreamEventId, change.Change.ApproximateCreationTime,
                DateTimeOffset.UtcNow, customerId, hasAddress));
        }

        return Task.CompletedTask;
    }

    public Task PublishFault<T>(PublishContext<T> context, Exception exception)
        where T : class
    {
        Interlocked.Increment(ref _faults);
        return Task.CompletedTask;
    }
}
