using Bus.Contracts;
using Bus.Contracts.Orders;
using Bus.StreamBridge.Decoding;

namespace Bus.StreamBridge.Translation;

/// <summary>The Orders table: placement, and status changes with the shipped, delivered and cancelled milestones.</summary>
public sealed class OrdersTranslator : IChangeTranslator
{
    public string Name => "Orders";

    public TranslatorRequirements Requirements { get; } = new(ImageNeeds.NewImage, ImageNeeds.NewAndOldImages, ImageNeeds.KeysOnly);

    public void Translate(in ChangeInput change, ICollection<IChangeEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var (kind, keys, oldImage, newImage, _, metadata) = change;
        if (kind == ChangeKind.Remove)
        {
            return;
        }

        var orderId = Image.RequiredString(newImage, keys, "orderId");
        var customerId = Image.RequiredString(newImage, keys, "customerId");
        var orderNumber = Image.OptionalString(newImage, "orderNumber");
        var status = Image.OptionalString(newImage, "status")
            ?? throw new TranslationException("required attribute 'status' is missing");
        if (kind == ChangeKind.Insert)
        {
            events.Add(new OrderPlaced
            {
                Change = metadata,
                OrderId = orderId,
                CustomerId = customerId,
                OrderNumber = orderNumber,
                Status = status,
                Total = Image.OptionalDecimal(newImage, "total") ?? throw new TranslationException("required attribute 'total' is missing"),
                Items = Lines(newImage),
            });
            return;
        }

        if (!Image.Differs(oldImage, newImage, "status"))
        {
            return;
        }

        var previousStatus = Image.OptionalString(oldImage, "status");
        events.Add(new OrderStatusChanged
        {
            Change = metadata,
            OrderId = orderId,
            CustomerId = customerId,
            OrderNumber = orderNumber,
            PreviousStatus = previousStatus,
            Status = status,
        });
        switch (status)
        {
            case OrderStatuses.Shipped:
                events.Add(new OrderShipped
                {
                    Change = metadata,
                    OrderId = orderId,
                    CustomerId = customerId,
                    OrderNumber = orderNumber,
                    TrackingNumber = Image.OptionalString(newImage, "trackingNumber"),
                    Carrier = Image.OptionalString(newImage, "carrier"),
                    EstimatedDelivery = Image.OptionalDate(newImage, "estimatedDelivery"),
                });
                break;
            case OrderStatuses.Delivered:
                events.Add(new OrderDelivered { Change = metadata, OrderId = orderId, CustomerId = customerId, OrderNumber = orderNumber });
                break;
            case OrderStatuses.Cancelled:
                events.Add(new OrderCancelled
                {
                    Change = metadata,
                    OrderId = orderId,
                    CustomerId = customerId,
                    OrderNumber = orderNumber,
                    PreviousStatus = previousStatus,
                });
                break;
        }
    }

    private static OrderLine[] Lines(AttributeMap? image)
    {
        var items = Image.OptionalList(image, "items");
        if (items is null || items.Count == 0)
        {
            return [];
        }

        var lines = new OrderLine[items.Count];
        for (var i = 0; i < lines.Length; i++)
        {
            if (items[i].Type != AttributeType.M)
            {
                throw new TranslationException($"items[{i}] is {items[i].Type}; the Orders schema has M");
            }

            var line = items[i].AsMap();
            try
            {
                lines[i] = new OrderLine
                {
                    Sku = Image.OptionalString(line, "sku") ?? throw new TranslationException("required attribute 'sku' is missing"),
                    Quantity = checked((int)(Image.OptionalInt64(line, "qty") ?? throw new TranslationException("required attribute 'qty' is missing"))),
                    UnitPrice = Image.OptionalDecimal(line, "price") ?? throw new TranslationException("required attribute 'price' is missing"),
                };
            }
            catch (OverflowException e)
            {
                throw new TranslationException($"items[{i}].qty is outside the range of Int32", e);
            }
            catch (TranslationException e)
            {
                throw new TranslationException($"items[{i}]: {e.Message}", e);
            }
        }

        return lines;
    }
}
