using Bus.Consumers.Shipping.Hosting;
using Bus.Consumers.Shipping.Persistence;
using Bus.Contracts;
using Bus.Contracts.Customers;
using Bus.Messaging.Persistence;
using MassTransit;

namespace Bus.Consumers.Shipping.Addresses;

/// <summary>Keeps the address book from registrations and address changes, and pushes each newer address to the shipping system.</summary>
public sealed class ShippingAddressBookConsumer(ShippingDbContext db, ShippingEndpoints endpoints, ILogger<ShippingAddressBookConsumer> logger)
    : IConsumer<CustomerRegistered>, IConsumer<CustomerAddressChanged>
{
    // A registration without an address tells the shipping system nothing; a removed address is pushed as null.
    public Task Consume(ConsumeContext<CustomerRegistered> context) =>
        Record(context, context.Message.CustomerId, context.Message.Address, push: context.Message.Address is not null);

    public Task Consume(ConsumeContext<CustomerAddressChanged> context) =>
        Record(context, context.Message.CustomerId, context.Message.Address, push: true);

    private async Task Record<T>(ConsumeContext<T> context, string customerId, PostalAddress? address, bool push)
        where T : class, IChangeEvent
    {
        var change = context.Message.Change;
        var entry = await CompiledQueries.For<ShippingQueries>(db).Address(db, customerId, context.CancellationToken)
            ?? db.ShippingAddresses.Add(new ShippingAddress { CustomerId = customerId }).Entity;
        if (!entry.TryRecord(change, address))
        {
            ShippingLog.StaleChangeIgnored(logger, typeof(T).Name, customerId, change.SequenceNumber, change.ItemVersion);
            return;
        }

        if (push)
            await endpoints.SendToGateway(context, PushShippingAddress.From(customerId, address, erased: false, context.Message));

        await db.SaveChangesAsync(context.CancellationToken);
        ShippingLog.AddressRecorded(logger, customerId, typeof(T).Name);
    }
}
