using System.Text.Json.Serialization;
using Bus.Contracts.Customers;
using Bus.Contracts.Inventory;
using Bus.Contracts.Items;
using Bus.Contracts.Orders;

namespace Bus.StreamBridge.Cli;

/// <summary>Source-generated serialization of the events for the CLI's JSON lines: camelCase, enums by name.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(CustomerRegistered))]
[JsonSerializable(typeof(CustomerEmailChanged))]
[JsonSerializable(typeof(CustomerAddressChanged))]
[JsonSerializable(typeof(CustomerPhoneChanged))]
[JsonSerializable(typeof(CustomerMarketingConsentChanged))]
[JsonSerializable(typeof(CustomerDeleted))]
[JsonSerializable(typeof(OrderPlaced))]
[JsonSerializable(typeof(OrderStatusChanged))]
[JsonSerializable(typeof(OrderShipped))]
[JsonSerializable(typeof(OrderDelivered))]
[JsonSerializable(typeof(OrderCancelled))]
[JsonSerializable(typeof(StockLevelChanged))]
[JsonSerializable(typeof(LowStockDetected))]
[JsonSerializable(typeof(ProductDiscontinued))]
[JsonSerializable(typeof(ItemChanged))]
internal sealed partial class EventJsonContext : JsonSerializerContext;
