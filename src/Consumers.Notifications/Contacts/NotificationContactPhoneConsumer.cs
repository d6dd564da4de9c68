using Bus.Contracts.Customers;
using MassTransit;

namespace Bus.Consumers.Notifications.Contacts;

/// <summary>A changed (or removed) phone number: updates the contact copy unless a later change was applied.</summary>
public sealed class NotificationContactPhoneConsumer(ContactBook contacts) : IConsumer<CustomerPhoneChanged>
{
    public async Task Consume(ConsumeContext<CustomerPhoneChanged> context)
    {
        var changed = context.Message;
        var contact = await contacts.FindOrAddAsync(changed.CustomerId, context.CancellationToken);
        var applied = contact.ChangePhone(changed.Change, changed.Phone);
        await contacts.CompleteAsync(applied, changed.CustomerId, changed, context.CancellationToken);
    }
}
