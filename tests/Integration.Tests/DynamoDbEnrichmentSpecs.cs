using System.Text;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Bus.Contracts.Customers;
using Bus.Contracts.Inventory;
using Bus.StreamBridge.Pipeline;
using Bus.StreamBridge.Records;
using Microsoft.Extensions.DependencyInjection;

namespace Bus.Integration.Tests;

/// <summary>KEYS_ONLY streams completed by a consistent GetItem, over real HTTP, against the DynamoDB-compatible
/// server (dynalite) that scripts/servers.sh started.</summary>
public sealed class DynamoDbEnrichmentSpecs(Servers servers) : IAsyncLifetime
{
    private readonly string _customers = "Customers-" + Guid.NewGuid().ToString("N")[..8];
    private readonly string _inventory = "Inventory-" + Guid.NewGuid().ToString("N")[..8];
    private AmazonDynamoDBClient _client = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _client = new AmazonDynamoDBClient(new AmazonDynamoDBConfig { ServiceURL = servers.DynamoDbUrl.ToString(), AuthenticationRegion = "eu-west-1" });
        await CreateTableAsync(_customers, "customerId");
        await CreateTableAsync(_inventory, "productId");
        await _client.PutItemAsync(_customers, new Dictionary<string, AttributeValue>
        {
            ["customerId"] = new() { S = "C-42" },
            ["email"] = new() { S = "c42@example.com" },
            ["name"] = new() { S = "Customer Forty-Two" },
            ["address"] = new() { M = new() { ["city"] = new() { S = "Utrecht" }, ["country"] = new() { S = "NL" } } },
            ["marketingOptIn"] = new() { BOOL = true },
            ["version"] = new() { N = "7" },
        }, Cancel);
        await _client.PutItemAsync(_inventory, new Dictionary<string, AttributeValue>
        {
            ["productId"] = new() { S = "P-42" },
            ["sku"] = new() { S = "SKU-42" },
            ["quantity"] = new() { N = "12345678901234567" },
        }, Cancel);
    }

    public async ValueTask DisposeAsync()
    {
        await _client.DeleteTableAsync(_customers);
        await _client.DeleteTableAsync(_inventory);
        _client.Dispose();
    }

    [Fact]
    public async Task A_keys_only_insert_is_translated_from_the_item_read_with_get_item()
    {
        using var host = await BridgeHosts.StartAsync(Settings(), Cancel);
        var processor = host.Services.GetRequiredService<ChangeProcessor>();

        var translated = await processor.TranslateAsync(KeysOnly(_customers, "INSERT", "customerId", "C-42", 100), Cancel);

        var registered = Assert.IsType<CustomerRegistered>(Assert.Single(translated.Events).Message);
        Assert.Equal(("C-42", "c42@example.com", "Customer Forty-Two", true, 7L),
            (registered.CustomerId, registered.Email, registered.Name, registered.MarketingOptIn, registered.Change.ItemVersion));
        Assert.Equal(new PostalAddress { City = "Utrecht", Country = "NL" }, registered.Address);
    }

    [Fact]
    public async Task A_keys_only_insert_of_an_item_already_deleted_is_skipped()
    {
        using var host = await BridgeHosts.StartAsync(Settings(), Cancel);
        var processor = host.Services.GetRequiredService<ChangeProcessor>();

        var translated = await processor.TranslateAsync(KeysOnly(_customers, "INSERT", "customerId", "C-gone", 101), Cancel);

        Assert.Equal(ChangeOutcome.ItemGone, translated.Outcome);
        Assert.Empty(translated.Events);
    }

    [Fact]
    public async Task Enriched_numbers_keep_their_exact_digits()
    {
        using var host = await BridgeHosts.StartAsync(Settings(), Cancel);
        var processor = host.Services.GetRequiredService<ChangeProcessor>();

        var translated = await processor.TranslateAsync(KeysOnly(_inventory, "INSERT", "productId", "P-42", 102), Cancel);

        var stock = Assert.IsType<StockLevelChanged>(Assert.Single(translated.Events).Message);
        Assert.Equal((0L, 12345678901234567L, "SKU-42"), (stock.PreviousQuantity, stock.Quantity, stock.Sku));
    }

    [Fact]
    public async Task An_unreachable_table_fails_the_record_for_retry_instead_of_storing_it()
    {
        var settings = Settings();
        settings[$"Bridge:Tables:NoSuchTable:Translator"] = "Customers";
        settings[$"Bridge:Tables:NoSuchTable:Enrichment"] = "GetItem";
        using var host = await BridgeHosts.StartAsync(settings, Cancel);
        var record = Batch(KeysOnlyJson("NoSuchTable", "INSERT", "customerId", "C-1", 103));

        var result = await host.Services.GetRequiredService<BatchProcessor>().ProcessAsync(record, Cancel);

        Assert.Equal((1, 0, 0), (result.Failed, result.Stored, result.Published));
        Assert.Equal("103", result.RetryFrom?.Value);
    }

    private Dictionary<string, string?> Settings() => new()
    {
        [$"Bridge:Tables:{_customers}:Translator"] = "Customers",
        [$"Bridge:Tables:{_customers}:Enrichment"] = "GetItem",
        [$"Bridge:Tables:{_inventory}:Translator"] = "Inventory",
        [$"Bridge:Tables:{_inventory}:Enrichment"] = "GetItem",
        ["Bridge:DynamoDb:ServiceUrl"] = servers.DynamoDbUrl.ToString(),
        ["Bridge:DynamoDb:Region"] = "eu-west-1",
    };

    private async Task CreateTableAsync(string table, string key)
    {
        await _client.CreateTableAsync(new CreateTableRequest
        {
            TableName = table,
            KeySchema = [new KeySchemaElement(key, KeyType.HASH)],
            AttributeDefinitions = [new AttributeDefinition(key, ScalarAttributeType.S)],
            BillingMode = BillingMode.PAY_PER_REQUEST,
        }, Cancel);
        // CreateTable returns while the table is still CREATING, on DynamoDB as on dynalite.
        while ((await _client.DescribeTableAsync(table, Cancel)).Table.TableStatus != TableStatus.ACTIVE)
        {
            await Task.Delay(50, Cancel);
        }
    }

    private static string KeysOnlyJson(string table, string eventName, string key, string id, int sequence) =>
        $"{{\"eventID\":\"e-{sequence}\",\"eventName\":\"{eventName}\"," +
        $"\"eventSourceARN\":\"arn:aws:dynamodb:eu-west-1:1:table/{table}/stream/x\"," +
        $"\"dynamodb\":{{\"ApproximateCreationDateTime\":1793000000,\"SequenceNumber\":\"{sequence}\"," +
        $"\"StreamViewType\":\"KEYS_ONLY\",\"Keys\":{{\"{key}\":{{\"S\":\"{id}\"}}}}}}}}";

    private static ChangeRecord KeysOnly(string table, string eventName, string key, string id, int sequence) =>
        ChangeRecordDecoder.Decode(new RecordSlice(0, Encoding.UTF8.GetBytes(KeysOnlyJson(table, eventName, key, id, sequence))));

    private static StreamEvent Batch(string record) =>
        StreamEventReader.Read(Encoding.UTF8.GetBytes($$"""{"Records":[{{record}}]}""")).Single();
}
