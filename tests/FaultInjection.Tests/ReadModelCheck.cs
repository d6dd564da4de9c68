using System.Globalization;
using System.Text.Json;
using Npgsql;

namespace Bus.FaultInjection.Tests;

/// <summary>
/// Compares each service's read model with the generated tables' final state: Shipping's order tracking (through its
/// <c>GET /orders/{id}</c>, from both instances), Shipping's address book, Marketing's contacts and Notifications'
/// copy of the contact details (their tables). Each row must equal what the last change of the item says, whatever
/// order the instances applied the item's changes in.
/// </summary>
public static class ReadModelCheck
{
    public static async Task<(int Checked, List<string> Mismatches)> RunAsync(string connectionString, IReadOnlyList<Uri> shippingInstances,
        HttpClient http, IReadOnlyList<CustomerState> customers, IReadOnlyList<OrderState> orders, CancellationToken cancellationToken)
    {
        var mismatches = new List<string>();
        var rows = 0;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);

        var marketing = await Rows(connection, """select "CustomerId", "Email", "MarketingOptIn", "Erased" from marketing."MarketingContacts" """, cancellationToken);
        var notifications = await Rows(connection, """select "CustomerId", "Name", "Email", "Phone", "Erased" from notifications."NotificationContact" """, cancellationToken);
        var addresses = await Rows(connection, """select "CustomerId", "Street", "City", "PostalCode", "Country", "Erased" from shipping."ShippingAddresses" """, cancellationToken);
        foreach (var customer in customers)
        {
            rows += 3;
            var live = !customer.Deleted;
            Compare(mismatches, "Marketing contact", customer.CustomerId, marketing,
                [live ? customer.Email : null, live && customer.MarketingOptIn, !live]);
            // The name comes with the registration only (no event carries a later one); this generator never changes it.
            Compare(mismatches, "Notifications contact", customer.CustomerId, notifications,
                [live ? customer.Name : null, live ? customer.Email : null, live ? customer.Phone : null, !live]);
            var address = live ? customer.Address : null;
            Compare(mismatches, "Shipping address book", customer.CustomerId, addresses,
                [address?.Street, address?.City, address?.PostalCode, address?.Country, !live]);
        }

        for (var i = 0; i < orders.Count; i++)
        {
            rows++;
            var order = orders[i];
            var instance = shippingInstances[i % shippingInstances.Count];
            using var response = await http.GetAsync(new Uri(instance, $"orders/{Uri.EscapeDataString(order.OrderId)}"), cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                mismatches.Add($"Shipping order tracking {order.OrderId}: GET /orders/{order.OrderId} answered {(int)response.StatusCode}");
                continue;
            }

            using var view = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            var actual = new[] { "customerId", "orderNumber", "status", "trackingNumber", "carrier", "estimatedDelivery" }
                .Select(name => view.RootElement.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value.ToString() : null)
                .ToArray();
            string?[] expected = [order.CustomerId, order.OrderNumber, order.Status, order.TrackingNumber, order.Carrier,
                order.EstimatedDelivery?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)];
            if (!actual.SequenceEqual(expected))
                mismatches.Add($"Shipping order tracking {order.OrderId}: read model {Show(actual)}, table {Show(expected)}");
        }

        return (rows, mismatches);
    }

    private static void Compare(List<string> mismatches, string model, string key, Dictionary<string, object?[]> rows, object?[] expected)
    {
        if (!rows.TryGetValue(key, out var actual))
        {
            mismatches.Add($"{model} {key}: no row");
            return;
        }

        if (!actual.Select(Normal).SequenceEqual(expected.Select(Normal)))
            mismatches.Add($"{model} {key}: read model {Show(actual)}, table {Show(expected)}");
    }

    private static string? Normal(object? value) => value switch
    {
        null or DBNull => null,
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    private static string Show(IEnumerable<object?> values) => "(" + string.Join(", ", values.Select(v => Normal(v) ?? "null")) + ")";

    private static async Task<Dictionary<string, object?[]>> Rows(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        var rows = new Dictionary<string, object?[]>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var values = new object?[reader.FieldCount - 1];
            for (var i = 1; i < reader.FieldCount; i++)
                values[i - 1] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows[reader.GetString(0)] = values;
        }

        return rows;
    }
}
