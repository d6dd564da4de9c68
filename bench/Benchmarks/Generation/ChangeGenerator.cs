using System.Globalization;

namespace Bus.Benchmarks.Generation;

/// <summary>
/// Simulates the three tables so that every MODIFY's old image is the item's previous new image, and MODIFYs change
/// what subscribers care about in realistic proportions: e-mail, address, phone and consent changes, order status
/// transitions (with shipping details on SHIPPED), stock sales that cross the reorder threshold, restocks, and some
/// changes that touch nothing a translator looks at. Deterministic for a seed.
/// </summary>
internal sealed class ChangeGenerator(int seed)
{
    private static readonly string[] FirstNames = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Margaret", "Ken", "Frances", "Niklaus", "Radia", "Tim"];
    private static readonly string[] LastNames = ["Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Hamilton", "Thompson", "Allen", "Wirth", "Perlman", "Berners-Lee"];
    private static readonly (string City, string Country, string Dial)[] Cities =
        [("Amsterdam", "NL", "+316"), ("Paris", "FR", "+336"), ("Berlin", "DE", "+4915"), ("Madrid", "ES", "+346"), ("Dublin", "IE", "+3538"), ("Lisbon", "PT", "+3519")];
    private static readonly string[] Streets = ["Canal Street", "Rue de Rivoli", "Unter den Linden", "Gran Via", "Grafton Street", "Rua Augusta", "Main Street"];
    private static readonly string[] Domains = ["example.com", "example.org", "mail.example.net"];
    private static readonly string[] Carriers = ["DHL", "UPS", "PostNL", "DPD", "GLS"];
    private static readonly string[] ProductWords = ["Red Mug", "Green Tea 1kg", "Walnut Desk", "Desk Lamp", "Notebook A5", "Fountain Pen", "Espresso Beans", "Wool Scarf"];
    private static readonly string[] Operators = ["warehouse-ams", "warehouse-ber", "pos-sync", "admin-console", "returns-service"];
    private static readonly DateOnly FirstDay = new(2026, 11, 1);

    private readonly Random _random = new(seed);
    private readonly List<Customer> _customers = [];
    private readonly List<Order> _openOrders = [];
    private readonly List<Order> _closedOrders = [];
    private readonly List<Product> _products = [];
    private int _nextCustomer = 1000;
    private int _nextOrder = 5000;
    private int _nextProduct = 100;

    /// <summary>The random source, shared with the record writer so that one seed fixes the whole file.</summary>
    public Random Random => _random;

    public Change Next()
    {
        var table = _random.NextDouble();
        return table < 0.30 ? NextCustomerChange() : table < 0.75 ? NextOrderChange() : NextProductChange();
    }

    private Change NextCustomerChange()
    {
        var p = _random.NextDouble();
        if (_customers.Count < 50 || p < 0.15)
        {
            var created = NewCustomer();
            _customers.Add(created);
            return new Change("INSERT", null, created);
        }

        var index = _random.Next(_customers.Count);
        var old = _customers[index];
        if (p < 0.20)
        {
            RemoveAt(_customers, index);
            return new Change("REMOVE", old, null, ByTtl: _random.NextDouble() < 0.3);
        }

        var changed = ModifyCustomer(old);
        _customers[index] = changed;
        return new Change("MODIFY", old, changed);
    }

    private Customer ModifyCustomer(Customer old)
    {
        var p = _random.NextDouble();
        var next = old with { Version = old.Version + 1 };
        return p switch
        {
            < 0.30 => next with { Email = Email(old.Name) },
            < 0.55 => next with { Address = Address() },
            < 0.70 => next with { Phone = Phone(old.Address.Country) },
            < 0.85 => next with { MarketingOptIn = !old.MarketingOptIn },
            < 0.90 => next with { Email = Email(old.Name), Address = Address() },
            // A name change: no Customers event carries it.
            _ => next with { Name = Name() },
        };
    }

    private Change NextOrderChange()
    {
        var p = _random.NextDouble();
        if (_openOrders.Count < 50 || p < 0.25)
        {
            var placed = NewOrder();
            _openOrders.Add(placed);
            return new Change("INSERT", null, placed);
        }

        if (p < 0.30 && _closedOrders.Count > 0)
        {
            var archived = _closedOrders[_random.Next(_closedOrders.Count)];
            _closedOrders.Remove(archived);
            return new Change("REMOVE", archived, null);
        }

        var index = _random.Next(_openOrders.Count);
        var old = _openOrders[index];
        var changed = AdvanceOrder(old);
        if (changed.Status is "DELIVERED" or "CANCELLED")
        {
            RemoveAt(_openOrders, index);
            _closedOrders.Add(changed);
        }
        else
        {
            _openOrders[index] = changed;
        }

        return new Change("MODIFY", old, changed);
    }

    private Order AdvanceOrder(Order old)
    {
        var next = old with { Version = old.Version + 1 };
        var p = _random.NextDouble();
        if (p < 0.15)
        {
            // A change no subscriber cares about (a note, a recalculated total of the same value).
            return next;
        }

        return old.Status switch
        {
            "PLACED" => next with { Status = p < 0.25 ? "CANCELLED" : "PAID" },
            "PAID" => p < 0.22 ? next with { Status = "CANCELLED" } : Ship(next),
            _ => next with { Status = "DELIVERED" },
        };
    }

    private Order Ship(Order order) => order with
    {
        Status = "SHIPPED",
        Carrier = Carriers[_random.Next(Carriers.Length)],
        TrackingNumber = "TRK" + _random.NextInt64(1_000_000_000, 9_999_999_999).ToString(CultureInfo.InvariantCulture),
        EstimatedDelivery = FirstDay.AddDays(_random.Next(2, 40)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    private Change NextProductChange()
    {
        var p = _random.NextDouble();
        if (_products.Count < 50 || p < 0.05)
        {
            var created = NewProduct();
            _products.Add(created);
            return new Change("INSERT", null, created);
        }

        var index = _random.Next(_products.Count);
        var old = _products[index];
        if (p < 0.07)
        {
            RemoveAt(_products, index);
            return new Change("REMOVE", old, null);
        }

        var changed = ModifyProduct(old);
        _products[index] = changed;
        return new Change("MODIFY", old, changed);
    }

    private Product ModifyProduct(Product old)
    {
        var p = _random.NextDouble();
        var by = Operators[_random.Next(Operators.Length)];
        return p switch
        {
            // A sale; small stocks drop through the reorder threshold.
            < 0.70 => old with { Quantity = Math.Max(0, old.Quantity - _random.Next(1, 6)), LastModifiedBy = by },
            < 0.85 => old with { Quantity = old.Quantity + old.ReorderQuantity, LastModifiedBy = by },
            _ => old with { Name = old.Name + " (new)", LastModifiedBy = by },
        };
    }

    private Customer NewCustomer()
    {
        var name = Name();
        var address = Address();
        var id = (_nextCustomer++).ToString("D7", CultureInfo.InvariantCulture);
        return new Customer("C-" + id, Email(name), name, Phone(address.Country), address, _random.NextDouble() < 0.4, 1);
    }

    private Order NewOrder()
    {
        var customer = _customers.Count > 0 ? _customers[_random.Next(_customers.Count)].CustomerId : "C-0000001";
        var lines = new OrderLine[_random.Next(1, 5)];
        var total = 0m;
        for (var i = 0; i < lines.Length; i++)
        {
            var price = _random.Next(199, 9999) / 100m;
            lines[i] = new OrderLine($"SKU-{_random.Next(100, 400):D5}", _random.Next(1, 4), price);
            total += price * lines[i].Quantity;
        }

        var number = _nextOrder++;
        return new Order($"O-{number:D8}", customer, $"2026-{number:D6}", "PLACED", null, null, null, total, lines, 1);
    }

    private Product NewProduct()
    {
        var number = _nextProduct++;
        var threshold = _random.Next(5, 30);
        return new Product($"P-{number:D6}", $"SKU-{number:D5}", ProductWords[_random.Next(ProductWords.Length)],
            threshold + _random.Next(0, 40), threshold, threshold * 3, Operators[_random.Next(Operators.Length)]);
    }

    private string Name() => $"{FirstNames[_random.Next(FirstNames.Length)]} {LastNames[_random.Next(LastNames.Length)]}";

    private PostalAddress Address()
    {
        var (city, country, _) = Cities[_random.Next(Cities.Length)];
        var street = $"{_random.Next(1, 300)} {Streets[_random.Next(Streets.Length)]}";
        return new PostalAddress(street, city, $"{_random.Next(1000, 99999):D5}", country);
    }

    private string Email(string name) =>
        $"{name.Replace(' ', '.').ToLowerInvariant()}{_random.Next(1, 999)}@{Domains[_random.Next(Domains.Length)]}";

    private string Phone(string country)
    {
        var dial = Array.Find(Cities, c => c.Country == country).Dial;
        return dial + _random.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);
    }

    private static void RemoveAt<T>(List<T> items, int index)
    {
        items[index] = items[^1];
        items.RemoveAt(items.Count - 1);
    }
}
