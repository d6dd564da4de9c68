using Bus.Contracts.Customers;
using MassTransit;

namespace Bus.Consumers.Notifications.Contacts;

/// <summary>A changed (or removed) e-mail address: updates the contact copy unless a later change was applied.</summary>
public sealed class NotificationContactEmailConsumer(ContactBook contacts) : IConsumer<CustomerEmailChanged>
{
    public async Task Consume(ConsumeContext<CustomerEmailChanged> context)
    {
        var changed = context.Message;
        var contact = await contacts.FindOrAddAsync(changed.CustomerId, context.CancellationToken);
        var applied = contact.ChangeEmail(changed.Change, changed.Email);
        await contacts.CompleteAsync(applied, changed.CustomerId, changed, context.CancellationToken);
    }
}
