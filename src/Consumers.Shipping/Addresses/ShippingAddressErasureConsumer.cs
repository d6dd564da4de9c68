using Bus.Consumers.Shipping.Hosting;
using Bus.Consumers.Shipping.Persistence;
using Bus.Contracts.Customers;
using Bus.Messaging.Persistence;
using MassTransit;

namespace Bus.Consumers.Shipping.Addresses;

/// <summary>Erases a deleted customer's address (personal data) and leaves a tombstone, so a late change cannot bring it back;
/// when the shipping system had been given an address, it is told to erase it too.</summary>
public sealed class ShippingAddressErasureConsumer(ShippingDbContext db, ShippingEndpoints endpoints, ILogger<ShippingAddressErasureConsumer> logger)
    : IConsumer<CustomerDeleted>
{
    public async Task Consume(ConsumeContext<CustomerDeleted> context)
    {
        var (customerId, change) = (context.Message.CustomerId, context.Message.Change);
        var entry = await CompiledQueries.For<ShippingQueries>(db).Address(db, customerId, context.CancellationToken)
            ?? db.ShippingAddresses.Add(new ShippingAddress { CustomerId = customerId }).Entity;
        var hadAddress = entry.HasAddress;
        if (!entry.TryErase(change))
        {
            ShippingLog.StaleChangeIgnored(logger, nameof(CustomerDeleted), customerId, change.SequenceNumber, change.ItemVersion);
            return;
        }

        if (hadAddress)
            await endpoints.SendToGateway(context, PushShippingAddress.From(customerId, address: null, erased: true, context.Message));

        await db.SaveChangesAsync(context.CancellationToken);
        ShippingLog.AddressErased(logger, customerId);
    }
}
