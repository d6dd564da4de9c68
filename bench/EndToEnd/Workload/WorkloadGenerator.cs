using System.Globalization;
using Bus.Benchmarks.Generation;

namespace Bus.EndToEnd.Workload;

/// <summary>
/// A stream of changes to the Customers, Orders and Inventory tables (30 / 45 / 25 % of records) whose external effects
/// do not depend on the order in which the services happen to apply them, so that a run can be checked effect by effect:
/// <list type="bullet">
/// <item>two changes of one item are at least <c>spacing</c> records apart, far more than any endpoint holds in flight
/// (its prefetch), so each service applies an item's changes in stream order;</item>
/// <item>orders are placed only for customers registered at least <c>spacing</c> records earlier, and those customers are
/// never deleted, so a shipment or a notification always finds its customer;</item>
/// <item>the customers that are deleted never order; their marketing syncs may still be dropped by the gateway when the
/// erasure commits first, which the check allows (<see cref="Measuring.ExpectedEffects"/>).</item>
/// </list>
/// Changes: registrations, e-mail, address, phone, consent and name changes, deletions (30 % by TTL); orders placed,
/// paid, cancelled, shipped, delivered, touched without a relevant change, archived; stock sales that cross the reorder
/// threshold, restocks, renames, new and discontinued products. Deterministic for a seed.
/// </summary>
internal sealed class WorkloadGenerator(int seed, int spacing)
{
    private const int Attempts = 16;
    private static readonly string[] FirstNames = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Margaret", "Ken", "Frances", "Niklaus"];
    private static readonly string[] LastNames = ["Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Hamilton", "Thompson", "Allen", "Wirth"];
    private static readonly (string City, string Country, string Dial)[] Cities =
        [("Amsterdam", "NL", "+316"), ("Paris", "FR", "+336"), ("Berlin", "DE", "+4915"), ("Madrid", "ES", "+346"), ("Dublin", "IE", "+3538")];
    private static readonly string[] Streets = ["Canal Street", "Rue de Rivoli", "Unter den Linden", "Gran Via", "Grafton Street"];
    private static readonly string[] Carriers = ["DHL", "UPS", "PostNL", "DPD", "GLS"];
    private static readonly string[] ProductWords = ["Red Mug", "Green Tea 1kg", "Walnut Desk", "Desk Lamp", "Notebook A5", "Fountain Pen"];
    private static readonly string[] Operators = ["warehouse-ams", "warehouse-ber", "pos-sync", "admin-console"];

    private readonly Random _random = new(seed);
    private readonly List<Tracked<Customer>> _orderingCustomers = [];
    private readonly List<Tracked<Customer>> _deletableCustomers = [];
    private readonly List<Tracked<Order>> _openOrders = [];
    private readonly List<Tracked<Order>> _closedOrders = [];
    private readonly List<Tracked<Product>> _products = [];
    private decimal _sequence = 4421584500000000017450440091m;
    private int _index;
    private int _nextCustomer = 1;
    private int _nextOrder = 1;
    private int _nextProduct = 1;

    public IReadOnlyList<GeneratedRecord> Take(int count)
    {
        var records = new GeneratedRecord[count];
        for (var i = 0; i < count; i++)
        {
            records[i] = Next();
        }

        return records;
    }

    private GeneratedRecord Next()
    {
        var table = _random.NextDouble();
        var change = table < 0.30 ? CustomerChange() : table < 0.75 ? OrderChange() : ProductChange();
        _sequence += _random.Next(100, 1000);
        Span<byte> id = stackalloc byte[16];
        _random.NextBytes(id);
        return new GeneratedRecord(_index++, Convert.ToHexStringLower(id), _sequence, change);
    }

    private Change CustomerChange()
    {
        var p = _random.NextDouble();
        if (p < 0.15)
        {
            return RegisterCustomer();
        }

        if (p < 0.20 && TakeEligible(_deletableCustomers, remove: true) is { } deleted)
        {
            return new Change("REMOVE", deleted.Item, null, ByTtl: _random.NextDouble() < 0.3);
        }

        var pool = _random.NextDouble() < 0.5 ? _orderingCustomers : _deletableCustomers;
        if (TakeEligible(pool, remove: false) is not { } tracked)
        {
            return RegisterCustomer();
        }

        var old = tracked.Item;
        var next = old with { Version = old.Version + 1 };
        var q = _random.NextDouble();
        tracked.Item = q switch
        {
            < 0.30 => next with { Email = Email(old.Name) },
            < 0.55 => next with { Address = Address() },
            < 0.70 => next with { Phone = Phone(old.Address.Country) },
            < 0.85 => next with { MarketingOptIn = !old.MarketingOptIn },
            < 0.90 => next with { Email = Email(old.Name), Address = Address() },
            // A name change: no Customers event carries it.
            _ => next with { Name = Name() },
        };
        tracked.LastChange = _index;
        return new Change("MODIFY", old, tracked.Item);
    }

    private Change RegisterCustomer()
    {
        var name = Name();
        var address = Address();
        var customer = new Customer($"C-{_nextCustomer++:D7}", Email(name), name, Phone(address.Country), address, _random.NextDouble() < 0.4, 1);
        (_random.NextDouble() < 0.5 ? _orderingCustomers : _deletableCustomers).Add(new Tracked<Customer>(customer, _index));
        return new Change("INSERT", null, customer);
    }

    private Change OrderChange()
    {
        var p = _random.NextDouble();
        if (p < 0.25)
        {
            return PlaceOrder() ?? RegisterCustomer();
        }

        if (p < 0.30 && TakeEligible(_closedOrders, remove: true) is { } archived)
        {
            return new Change("REMOVE", archived.Item, null);
        }

        if (TakeEligible(_openOrders, remove: false) is not { } tracked)
        {
            return PlaceOrder() ?? RegisterCustomer();
        }

        var old = tracked.Item;
        var next = old with { Version = old.Version + 1 };
        var q = _random.NextDouble();
        tracked.Item = q < 0.15
            // A change no subscriber cares about (a note, a recalculated total of the same value).
            ? next
            : old.Status switch
            {
                "PLACED" => next with { Status = q < 0.25 ? "CANCELLED" : "PAID" },
                "PAID" => q < 0.22 ? next with { Status = "CANCELLED" } : Ship(next),
                _ => next with { Status = "DELIVERED" },
            };
        tracked.LastChange = _index;
        if (tracked.Item.Status is "DELIVERED" or "CANCELLED")
        {
            _openOrders.Remove(tracked);
            _closedOrders.Add(tracked);
        }

        return new Change("MODIFY", old, tracked.Item);
    }

    private Change? PlaceOrder()
    {
        // The customer's registration is long applied everywhere: the shipment and the notifications find the customer.
        if (TakeEligible(_orderingCustomers, remove: false, since: c => c.Registered) is not { } customer)
        {
            return null;
        }

        var lines = new OrderLine[_random.Next(1, 5)];
        var total = 0m;
        for (var i = 0; i < lines.Length; i++)
        {
            var price = _random.Next(199, 9999) / 100m;
            lines[i] = new OrderLine($"SKU-{_random.Next(1, 400):D5}", _random.Next(1, 4), price);
            total += price * lines[i].Quantity;
        }

        var number = _nextOrder++;
        var order = new Order($"O-{number:D8}", customer.Item.CustomerId, $"2026-{number:D6}", "PLACED", null, null, null, total, lines, 1);
        _openOrders.Add(new Tracked<Order>(order, _index));
        return new Change("INSERT", null, order);
    }

    private Order Ship(Order order) => order with
    {
        Status = "SHIPPED",
        Carrier = Carriers[_random.Next(Carriers.Length)],
        TrackingNumber = "TRK" + _random.NextInt64(1_000_000_000, 9_999_999_999).ToString(CultureInfo.InvariantCulture),
        EstimatedDelivery = new DateOnly(2026, 12, 1).AddDays(_random.Next(2, 40)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    private Change ProductChange()
    {
        var p = _random.NextDouble();
        if (p < 0.05 || TakeEligible(_products, remove: p < 0.07) is not { } tracked)
        {
            var number = _nextProduct++;
            var threshold = _random.Next(5, 30);
            var product = new Product($"P-{number:D6}", $"SKU-{number:D5}", ProductWords[_random.Next(ProductWords.Length)],
                threshold + _random.Next(0, 40), threshold, threshold * 3, Operators[_random.Next(Operators.Length)]);
            _products.Add(new Tracked<Product>(product, _index));
            return new Change("INSERT", null, product);
        }

        if (p < 0.07)
        {
            return new Change("REMOVE", tracked.Item, null);
        }

        var old = tracked.Item;
        var by = Operators[_random.Next(Operators.Length)];
        tracked.Item = _random.NextDouble() switch
        {
            // A sale; small stocks drop through the reorder threshold.
            < 0.70 => old with { Quantity = Math.Max(0, old.Quantity - _random.Next(1, 6)), LastModifiedBy = by },
            < 0.85 => old with { Quantity = old.Quantity + old.ReorderQuantity, LastModifiedBy = by },
            _ => old with { Name = old.Name + " (new)", LastModifiedBy = by },
        };
        tracked.LastChange = _index;
        return new Change("MODIFY", old, tracked.Item);
    }

    /// <summary>An item whose last change (or <paramref name="since"/>) is at least <c>spacing</c> records back, or null
    /// when a few random picks find none (the caller then creates an item instead).</summary>
    private Tracked<T>? TakeEligible<T>(List<Tracked<T>> pool, bool remove, Func<Tracked<T>, int>? since = null)
        where T : class
    {
        for (var attempt = 0; attempt < Attempts && pool.Count > 0; attempt++)
        {
            var position = _random.Next(pool.Count);
            var candidate = pool[position];
            if ((since?.Invoke(candidate) ?? candidate.LastChange) > _index - spacing)
            {
                continue;
            }

            if (remove)
            {
                pool[position] = pool[^1];
                pool.RemoveAt(pool.Count - 1);
            }

            return candidate;
        }

        return null;
    }

    private string Name() => $"{FirstNames[_random.Next(FirstNames.Length)]} {LastNames[_random.Next(LastNames.Length)]}";

    private PostalAddress Address()
    {
        var (city, country, _) = Cities[_random.Next(Cities.Length)];
        return new PostalAddress($"{_random.Next(1, 300)} {Streets[_random.Next(Streets.Length)]}", city, $"{_random.Next(1000, 99999):D5}", country);
    }

    private string Email(string name) => $"{name.Replace(' ', '.').ToLowerInvariant()}{_random.Next(1, 999)}@example.com";

    private string Phone(string country) =>
        Array.Find(Cities, c => c.Country == country).Dial + _random.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);

    private sealed class Tracked<T>(T item, int created)
        where T : class
    {
        public T Item { get; set; } = item;

        public int Registered { get; } = created;

        public int LastChange { get; set; } = created;
    }
}
