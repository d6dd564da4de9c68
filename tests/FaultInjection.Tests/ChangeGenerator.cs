using System.Globalization;
using System.Text.Json.Nodes;
using static Bus.FaultInjection.Tests.DynamoJson;

namespace Bus.FaultInjection.Tests;

/// <summary>
/// A model of the Customers, Orders and Inventory tables that makes changes to them (registrations, e-mail, phone,
/// address and consent changes, deletions some of them by TTL; orders placed, paid, packed, shipped, delivered or
/// cancelled; stock sold, restocked, crossing its reorder threshold, discontinued) and works out, for each change, the
/// external effects the services must perform (the rules of docs/services/). Hot items get many changes, often several
/// in a row. Which changes may be made when is the <see cref="GenerationPolicy"/>'s business: the expected effects stay
/// exact whatever order the services apply an item's changes in. Thread-safe; deterministic for a seed and a sequence
/// of observations.
/// </summary>
public sealed class ChangeGenerator(int seed, GenerationPolicy policy)
{
    private static readonly string[] FirstNames = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken", "Radia", "Niklaus"];
    private static readonly string[] Cities = ["Amsterdam", "Paris", "Berlin", "Lisbon", "Oslo", "Vienna", "Dublin", "Prague"];
    private static readonly string[] Carriers = ["UPS", "DHL", "PostNL", "GLS"];

    private readonly Random _random = new(seed);
    private readonly Lock _gate = new();
    private readonly List<Customer> _customers = [];
    private readonly List<Customer> _liveCustomers = [];
    private readonly List<Customer> _registeredBuyers = [];
    private readonly List<Order> _orders = [];
    private readonly List<Order> _openOrders = [];
    private readonly List<Product> _products = [];
    private readonly List<Product> _liveProducts = [];
    private readonly Dictionary<string, (ExpectedEffect Effect, Item Item)> _expected = new(StringComparer.Ordinal);
    private readonly HashSet<string> _observed = new(StringComparer.Ordinal);
    private readonly List<ExpectedEffect> _pendingEffects = [];
    private long _changes;
    private DateTimeOffset _clock = DateTimeOffset.UnixEpoch;

    /// <summary>Changes made so far.</summary>
    public long Changes
    {
        get
        {
            lock (_gate)
            {
                return _changes;
            }
        }
    }

    /// <summary>Every effect expected so far, by idempotency key.</summary>
    public IReadOnlyDictionary<string, ExpectedEffect> Expected
    {
        get
        {
            lock (_gate)
            {
                return _expected.ToDictionary(e => e.Key, e => e.Value.Effect, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Expected effects not seen yet.</summary>
    public int Outstanding
    {
        get
        {
            lock (_gate)
            {
                return _expected.Count - _observed.Count;
            }
        }
    }

    /// <summary>Makes the next change, or a burst of changes of one item; empty when the policy allows nothing now.</summary>
    public IReadOnlyList<GeneratedChange> Next()
    {
        lock (_gate)
        {
            var made = new List<GeneratedChange>(4);
            var pick = _random.NextDouble();
            if (pick < policy.CustomerShare)
                CustomerChange(made);
            else if (pick < policy.CustomerShare + policy.OrderShare)
                OrderChange(made);
            else
                InventoryChange(made);
            return made;
        }
    }

    /// <summary>An effect was seen at a stand-in; opens the gate of its item once all of the item's effects are in.
    /// Returns false for a key no change expects.</summary>
    public bool Observe(string key)
    {
        lock (_gate)
        {
            if (!_expected.TryGetValue(key, out var entry))
                return false;
            if (_observed.Add(key))
            {
                entry.Item.Outstanding.Remove(key);
                // One effect of the registration proves it was published before anything made from now on: a service
                // that consumes in order has it first, and one that does not waits for it (Notifications retries an
                // order event whose customer it does not know yet).
                if (entry.Item is Customer { Registered: false } customer && customer.RegistrationEffects.Contains(key))
                {
                    customer.Registered = true;
                    if (customer.Buyer)
                        _registeredBuyers.Add(customer);
                }
            }

            return true;
        }
    }

    public IReadOnlyList<CustomerState> CustomerStates()
    {
        lock (_gate)
        {
            return _customers.Select(c => new CustomerState(c.Key, c.Name, c.Email, c.Phone, c.Address, c.OptIn, c.Deleted)).ToList();
        }
    }

    public IReadOnlyList<OrderState> OrderStates()
    {
        lock (_gate)
        {
            return _orders.Select(o => new OrderState(o.Key, o.CustomerId, o.Number, o.Status, o.Tracking, o.Carrier, o.Eta)).ToList();
        }
    }

    /// <summary>Items per table and how many changes the busiest ones got.</summary>
    public string Describe()
    {
        lock (_gate)
        {
            var all = _customers.Cast<Item>().Concat(_orders).Concat(_products).ToList();
            var busiest = all.OrderByDescending(i => i.ChangeCount).Take(3).Select(i => $"{i.Table}/{i.Key} {i.ChangeCount}");
            return string.Create(CultureInfo.InvariantCulture,
                $"{_customers.Count} customers ({_customers.Count(c => c.Deleted)} deleted), {_orders.Count} orders " +
                $"({_orders.Count(o => o.Status == "DELIVERED")} delivered, {_orders.Count(o => o.Status == "CANCELLED")} cancelled), " +
                $"{_products.Count} products; most changes: {string.Join(", ", busiest)}");
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Customers

    private void CustomerChange(List<GeneratedChange> made)
    {
        if (_liveCustomers.Count < 12 || _random.NextDouble() < 0.18)
        {
            made.Add(Register());
            return;
        }

        // Deletions: a customer nobody orders for, whose earlier changes the services have all applied (Shipping tells
        // the shipping system to erase an address only if it had one; Marketing drops a sync still queued at erasure).
        if (_random.NextDouble() < 0.08)
        {
            var deletable = _liveCustomers.Where(c => !c.Buyer && !c.Hot && c.Outstanding.Count == 0).ToList();
            if (deletable.Count > 0)
            {
                made.Add(Delete(deletable[_random.Next(deletable.Count)]));
                return;
            }
        }

        var customer = PickHot(_liveCustomers, policy.HotCustomers);
        made.Add(ModifyCustomer(customer));
        if (customer.Hot && !customer.Deleted && _random.NextDouble() < policy.BurstProbability)
        {
            for (var more = _random.Next(1, 4); more > 0 && !customer.Deleted; more--)
                made.Add(ModifyCustomer(customer));
        }
    }

    private GeneratedChange Register()
    {
        var number = _customers.Count + 1;
        var customer = new Customer("Customers", $"C-{number}")
        {
            // Buyers place the orders: they keep an e-mail address and a phone number and are never deleted, so the
            // shipment e-mail and delivery SMS of their orders are always sent.
            Buyer = number % 5 < 2,
            Hot = _customers.Count(c => c.Hot) < policy.HotCustomers && number % 3 == 0,
            Name = $"{FirstNames[_random.Next(FirstNames.Length)]} {number}",
            OptIn = _random.NextDouble() < 0.5,
        };
        customer.Email = customer.Buyer || _random.NextDouble() < 0.85 ? NewEmail(customer) : null;
        customer.Phone = customer.Buyer || _random.NextDouble() < 0.7 ? NewPhone() : null;
        customer.Address = customer.Buyer || _random.NextDouble() < 0.75 ? NewAddress() : null;
        _customers.Add(customer);
        _liveCustomers.Add(customer);
        var change = Change(customer, "INSERT", null, customer.Image(), "registration");
        Expect(change, customer, "MarketingPlatform", "/contacts", $"marketing-contact-sync:{change.EventId}:CustomerRegistered");
        if (customer.Address is not null)
            Expect(change, customer, "ShippingSystem", "/addresses", $"shipping-address:{change.EventId}:CustomerRegistered");
        customer.RegistrationEffects.AddRange(_pendingEffects.Select(e => e.Key));
        return Seal(change, customer);
    }

    private GeneratedChange ModifyCustomer(Customer customer)
    {
        var orderSensitiveAllowed = !policy.GateOrderSensitiveChanges || customer.Outstanding.Count == 0;
        var pick = _random.NextDouble();
        string kind = pick switch
        {
            < 0.30 => "phone",
            < 0.55 => "email",
            < 0.70 => "consent",
            < 0.85 => policy.AddressChanges ? "address" : "email",
            < 0.91 => "email and consent",
            _ => customer.Buyer || customer.Hot ? "phone" : "delete",
        };
        if (kind == "delete" && customer.Outstanding.Count != 0)
            kind = "phone";
        if (kind is "email" or "consent" or "address" or "email and consent" && !orderSensitiveAllowed)
            kind = "phone";
        if (kind == "delete")
            return Delete(customer);

        var before = customer.Image();
        var (emailBefore, addressBefore, optInBefore) = (customer.Email, customer.Address, customer.OptIn);
        switch (kind)
        {
            case "phone":
                customer.Phone = customer.Buyer || _random.NextDouble() < 0.85 ? NewPhone() : null;
                if (customer.Phone == before["phone"]?["S"]?.GetValue<string>())
                    customer.Phone = NewPhone();
                break;
            case "email":
                customer.Email = customer.Buyer || _random.NextDouble() < 0.85 ? NewEmail(customer) : null;
                break;
            case "consent":
                customer.OptIn = !customer.OptIn;
                break;
            case "address":
                customer.Address = _random.NextDouble() < 0.9 ? NewAddress() : null;
                break;
            default:
                customer.Email = NewEmail(customer);
                customer.OptIn = !customer.OptIn;
                break;
        }

        customer.Version++;
        var change = Change(customer, "MODIFY", before, customer.Image(), kind);
        if (customer.Email != emailBefore)
            Expect(change, customer, "MarketingPlatform", "/contacts", $"marketing-contact-sync:{change.EventId}:CustomerEmailChanged");
        if (customer.OptIn != optInBefore)
            Expect(change, customer, "MarketingPlatform", "/contacts", $"marketing-contact-sync:{change.EventId}:CustomerMarketingConsentChanged");
        if (customer.Address != addressBefore)
            Expect(change, customer, "ShippingSystem", "/addresses", $"shipping-address:{change.EventId}:CustomerAddressChanged");
        return Seal(change, customer);
    }

    private GeneratedChange Delete(Customer customer)
    {
        var before = customer.Image();
        customer.Deleted = true;
        _liveCustomers.Remove(customer);
        var ttl = _random.NextDouble() < 0.3;
        var change = Change(customer, "REMOVE", before, null, ttl ? "deletion by TTL" : "deletion") with { ExpiredByTtl = ttl };
        Expect(change, customer, "MarketingPlatform", "/contacts/erase", $"marketing-contact-erase:{change.EventId}:CustomerDeleted");
        // Shipping tells the shipping system to erase only an address it had been given.
        if (customer.Address is not null)
            Expect(change, customer, "ShippingSystem", "/addresses", $"shipping-address:{change.EventId}:CustomerDeleted");
        return Seal(change, customer);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Orders

    private void OrderChange(List<GeneratedChange> made)
    {
        if (_openOrders.Count < 8 || _random.NextDouble() < 0.28)
        {
            if (_registeredBuyers.Count == 0)
            {
                // No buyer has been seen by the services yet: an order now could wait for its customer's contact.
                made.Add(Register());
                return;
            }

            made.Add(Place(_registeredBuyers[_random.Next(_registeredBuyers.Count)]));
            return;
        }

        var order = _openOrders[_random.Next(_openOrders.Count)];
        made.Add(Advance(order));
        // Every order is hot for a moment: its steps often come in a row, several in one batch.
        while (!order.Closed && _random.NextDouble() < policy.BurstProbability)
            made.Add(Advance(order));
    }

    private GeneratedChange Place(Customer buyer)
    {
        var number = _orders.Count + 1;
        var lines = Enumerable.Range(0, _random.Next(1, 4))
            .Select(i => (Sku: $"SKU-{_random.Next(1, 60):D3}", Quantity: _random.Next(1, 5), Price: _random.Next(199, 9999) / 100m))
            .ToList();
        var order = new Order("Orders", $"O-{number}")
        {
            CustomerId = buyer.Key,
            Number = $"2026-{number:D6}",
            Status = "PLACED",
            Lines = lines,
        };
        _orders.Add(order);
        _openOrders.Add(order);
        var change = Change(order, "INSERT", null, order.Image(), "placed");
        Expect(change, order, "ShippingSystem", "/shipments", $"shipping-shipment:{change.EventId}:OrderPlaced");
        return Seal(change, order);
    }

    private GeneratedChange Advance(Order order)
    {
        var before = order.Image();
        var cancellable = order.Outstanding.Count == 0;
        var next = order.Status switch
        {
            // A cancellation cancels the shipment only if Shipping applied the placement first: it waits for that.
            "PLACED" => cancellable && _random.NextDouble() < 0.15 ? "CANCELLED" : "PAID",
            "PAID" => _random.NextDouble() switch
            {
                < 0.1 when cancellable => "CANCELLED",
                < 0.5 => "PACKED",
                _ => "SHIPPED",
            },
            "PACKED" => "SHIPPED",
            _ => "DELIVERED",
        };
        // Now and then a change nobody subscribes to (a note): the bridge publishes nothing for it.
        var noteOnly = _random.NextDouble() < 0.06;
        if (noteOnly)
        {
            order.Note = $"note {order.Version + 1}";
        }
        else
        {
            order.Status = next;
            if (next == "SHIPPED")
            {
                order.Tracking = $"1Z{_random.NextInt64(100_000_000, 999_999_999)}";
                order.Carrier = Carriers[_random.Next(Carriers.Length)];
                order.Eta = new DateOnly(2026, 12, 1).AddDays(_random.Next(0, 20));
            }
        }

        order.Version++;
        var change = Change(order, "MODIFY", before, order.Image(), noteOnly ? "note" : $"status {next}");
        if (!noteOnly)
        {
            switch (next)
            {
                case "SHIPPED":
                    Expect(change, order, "Email", "/emails", $"notifications-shipment-email:{change.EventId}:OrderShipped");
                    break;
                case "DELIVERED":
                    Expect(change, order, "Sms", "/sms", $"notifications-delivery-sms:{change.EventId}:OrderDelivered");
                    break;
                case "CANCELLED":
                    Expect(change, order, "ShippingSystem", "/shipments/cancel", $"shipping-shipment-cancel:{change.EventId}:OrderCancelled");
                    break;
            }

            if (next is "DELIVERED" or "CANCELLED")
                _openOrders.Remove(order);
        }

        return Seal(change, order);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Inventory (no version attribute: its changes are ordered by the stream's sequence numbers alone)

    private void InventoryChange(List<GeneratedChange> made)
    {
        if (_liveProducts.Count < 6 || _random.NextDouble() < 0.1)
        {
            made.Add(AddProduct());
            return;
        }

        var product = PickHot(_liveProducts, policy.HotProducts);
        made.Add(ChangeStock(product));
        if (product.Hot && !product.Removed && _random.NextDouble() < policy.BurstProbability)
        {
            for (var more = _random.Next(1, 4); more > 0; more--)
                made.Add(ChangeStock(product));
        }
    }

    private GeneratedChange AddProduct()
    {
        var number = _products.Count + 1;
        var product = new Product("Inventory", $"P-{number}")
        {
            Hot = _products.Count(p => p.Hot) < policy.HotProducts && number % 2 == 0,
            Sku = $"SKU-{number:D3}",
            Name = $"Widget {number}",
            Threshold = _random.Next(5, 15),
            ReorderQuantity = _random.NextDouble() < 0.5 ? _random.Next(20, 60) : null,
        };
        product.Quantity = product.Threshold + _random.Next(3, 40);
        _products.Add(product);
        _liveProducts.Add(product);
        return Seal(Change(product, "INSERT", null, product.Image(), "stocked"), product);
    }

    private GeneratedChange ChangeStock(Product product)
    {
        var before = product.Image();
        if (!product.Hot && _random.NextDouble() < 0.02 && product.Outstanding.Count == 0)
        {
            product.Removed = true;
            _liveProducts.Remove(product);
            return Seal(Change(product, "REMOVE", before, null, "discontinued"), product);
        }

        var crossingAllowed = !policy.GateOrderSensitiveChanges || product.Outstanding.Count == 0;
        var above = product.Quantity > product.Threshold;
        string kind;
        if (!above && _random.NextDouble() < 0.6)
        {
            product.Quantity += _random.Next(15, 40);
            kind = "restock";
        }
        else if (above && _random.NextDouble() < 0.15)
        {
            product.Quantity += _random.Next(1, 10);
            kind = "restock";
        }
        else
        {
            var sale = _random.Next(1, 9);
            if (above && product.Quantity - sale <= product.Threshold && !crossingAllowed)
                sale = product.Quantity - product.Threshold - 1;
            if (sale <= 0 || product.Quantity - sale < 0)
            {
                product.Quantity += _random.Next(5, 20);
                kind = "restock";
            }
            else
            {
                product.Quantity -= sale;
                kind = above && product.Quantity <= product.Threshold ? "sale crossing the threshold" : "sale";
            }
        }

        product.Modified++;
        var change = Change(product, "MODIFY", before, product.Image(), kind);
        if (kind == "sale crossing the threshold")
            Expect(change, product, "Purchasing", "/alerts", $"notifications-purchasing-alert:{change.EventId}:LowStockDetected");
        return Seal(change, product);
    }

    // ---------------------------------------------------------------------------------------------------------------

    private T PickHot<T>(List<T> live, int hotCount)
        where T : Item
    {
        if (hotCount > 0 && _random.NextDouble() < 0.5)
        {
            var hot = live.Where(i => i.Hot).ToList();
            if (hot.Count > 0)
                return hot[_random.Next(hot.Count)];
        }

        return live[_random.Next(live.Count)];
    }

    private GeneratedChange Change(Item item, string eventName, JsonObject? oldImage, JsonObject? newImage, string description)
    {
        // Strictly increasing creation times, at least a microsecond apart: what Kinesis consumers order an item's
        // changes by.
        var now = DateTimeOffset.UtcNow;
        _clock = now > _clock ? now : _clock.AddTicks(10);
        Span<byte> id = stackalloc byte[16];
        _random.NextBytes(id);
        return new GeneratedChange
        {
            Index = _changes++,
            Table = item.Table,
            KeyName = item.KeyName,
            Key = item.Key,
            EventId = Convert.ToHexStringLower(id),
            EventName = eventName,
            CreatedAt = _clock,
            OldImage = oldImage,
            NewImage = newImage,
            Description = description,
        };
    }

    private void Expect(GeneratedChange change, Item item, string system, string path, string key) =>
        _pendingEffects.Add(new ExpectedEffect(system, path, key, item.Table + "/" + item.Key, change.Index));

    private GeneratedChange Seal(GeneratedChange change, Item item)
    {
        var effects = _pendingEffects.ToList();
        _pendingEffects.Clear();
        foreach (var effect in effects)
        {
            _expected.Add(effect.Key, (effect, item));
            item.Outstanding.Add(effect.Key);
        }

        item.ChangeCount++;
        return change with { Effects = effects };
    }

    private string NewEmail(Customer customer) => $"{customer.Key.ToLowerInvariant()}.{_random.Next(1000, 9999)}@example.test";

    private string NewPhone() => $"+1 555 {_random.Next(1000, 9999)}";

    private Address NewAddress() => new($"{_random.Next(1, 300)} Main Street", Cities[_random.Next(Cities.Length)],
        $"{_random.Next(1000, 9999)} AB", "NL");

    private abstract class Item(string table, string key)
    {
        public string Table { get; } = table;

        public string Key { get; } = key;

        public abstract string KeyName { get; }

        public bool Hot { get; init; }

        /// <summary>Expected effects of this item's changes not seen yet: the gate.</summary>
        public HashSet<string> Outstanding { get; } = new(StringComparer.Ordinal);

        public int ChangeCount { get; set; }
    }

    private sealed class Customer(string table, string key) : Item(table, key)
    {
        public override string KeyName => "customerId";

        public bool Buyer { get; init; }

        public required string Name { get; init; }

        public string? Email { get; set; }

        public string? Phone { get; set; }

        public Address? Address { get; set; }

        public bool OptIn { get; set; }

        public long Version { get; set; } = 1;

        public bool Deleted { get; set; }

        /// <summary>An effect of the registration has been seen: it was published.</summary>
        public bool Registered { get; set; }

        public List<string> RegistrationEffects { get; } = [];

        public JsonObject Image()
        {
            var image = new JsonObject { ["customerId"] = S(Key), ["name"] = S(Name), ["marketingOptIn"] = Bool(OptIn), ["version"] = N(Version) };
            if (Email is not null)
                image["email"] = S(Email);
            if (Phone is not null)
                image["phone"] = S(Phone);
            if (Address is { } address)
            {
                image["address"] = M(new JsonObject
                {
                    ["street"] = S(address.Street), ["city"] = S(address.City), ["postalCode"] = S(address.PostalCode), ["country"] = S(address.Country),
                });
            }

            return image;
        }
    }

    private sealed class Order(string table, string key) : Item(table, key)
    {
        public override string KeyName => "orderId";

        public required string CustomerId { get; init; }

        public required string Number { get; init; }

        public required string Status { get; set; }

        public required List<(string Sku, int Quantity, decimal Price)> Lines { get; init; }

        public string? Tracking { get; set; }

        public string? Carrier { get; set; }

        public DateOnly? Eta { get; set; }

        public string? Note { get; set; }

        public long Version { get; set; } = 1;

        public bool Closed => Status is "DELIVERED" or "CANCELLED";

        public JsonObject Image()
        {
            var image = new JsonObject
            {
                ["orderId"] = S(Key),
                ["customerId"] = S(CustomerId),
                ["orderNumber"] = S(Number),
                ["status"] = S(Status),
                ["total"] = N(Lines.Sum(l => l.Quantity * l.Price)),
                ["items"] = L(Lines.Select(l => (JsonNode)M(new JsonObject { ["sku"] = S(l.Sku), ["qty"] = N(l.Quantity), ["price"] = N(l.Price) }))),
                ["version"] = N(Version),
            };
            if (Tracking is not null)
                image["trackingNumber"] = S(Tracking);
            if (Carrier is not null)
                image["carrier"] = S(Carrier);
            if (Eta is { } eta)
                image["estimatedDelivery"] = S(eta.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            if (Note is not null)
                image["note"] = S(Note);
            return image;
        }
    }

    private sealed class Product(string table, string key) : Item(table, key)
    {
        public override string KeyName => "productId";

        public required string Sku { get; init; }

        public required string Name { get; init; }

        public int Quantity { get; set; }

        public int Threshold { get; init; }

        public int? ReorderQuantity { get; init; }

        public int Modified { get; set; }

        public bool Removed { get; set; }

        public JsonObject Image()
        {
            var image = new JsonObject
            {
                ["productId"] = S(Key),
                ["sku"] = S(Sku),
                ["name"] = S(Name),
                ["quantity"] = N(Quantity),
                ["reorderThreshold"] = N(Threshold),
                ["lastModifiedBy"] = S($"warehouse-{Modified % 3}"),
            };
            if (ReorderQuantity is { } reorder)
                image["reorderQuantity"] = N(reorder);
            return image;
        }
    }
}
