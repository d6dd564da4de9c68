using Bus.Contracts.Customers;
using MassTransit;

namespace Bus.Consumers.Notifications.Contacts;

/// <summary>A registered customer: starts (or completes) the contact copy with name, e-mail and phone.</summary>
public sealed class NotificationContactRegisteredConsumer(ContactBook contacts) : IConsumer<CustomerRegistered>
{
    public async Task Consume(ConsumeContext<CustomerRegistered> context)
    {
        var registered = context.Message;
        var contact = await contacts.FindOrAddAsync(registered.CustomerId, context.CancellationToken);
        var applied = contact.Register(registered.Change, registered.Name, registered.Email, registered.Phone);
        await contacts.CompleteAsync(applied, registered.CustomerId, registered, context.CancellationToken);
    }
}
