using System.Text.Json;
using Bus.Contracts;
using Bus.Contracts.Orders;
using Bus.Messaging.Gateway;
using Bus.TestSupport;
using Loyalty;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bus.Docs.Tests.Example;

/// <summary>
/// The worked consumer service of docs/extending.md, through its real registration on MassTransit's test harness, a SQLite
/// file of its own and a loopback HTTP server as the loyalty platform: copies are dropped by the inbox, stale changes by the
/// position check, and each effect is called once with its idempotency key.
/// </summary>
public sealed class LoyaltyExample_Specs
{
    private const string Secret = "loyalty-platform-test-secret";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_example_service_awards_points_once_and_takes_them_back_on_cancellation()
    {
        var path = Path.Combine(Path.GetTempPath(), $"bus-docs-loyalty-{Guid.NewGuid():N}.db");
        await using var platform = await LoopbackHttpServer.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:ConnectionString"] = new SqliteConnectionStringBuilder { DataSource = path, DefaultTimeout = 30 }.ToString(),
            ["ExternalSystems:LoyaltyPlatform:BaseUrl"] = platform.BaseAddress.ToString(),
            ["ExternalSystems:LoyaltyPlatform:SigningSecret"] = Secret,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddLoyaltyCore(configuration);
        services.AddMassTransitTestHarness(x =>
        {
            x.SetTestTimeouts(testInactivityTimeout: TimeSpan.FromMilliseconds(300));
            x.AddLoyaltyConsumers(configuration);
        });
        var provider = services.BuildServiceProvider(validateScopes: true);
        try
        {
            await using (var scope = provider.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<LoyaltyDbContext>().Database.EnsureCreatedAsync(Cancel);
            }

            var harness = provider.GetRequiredService<ITestHarness>();
            await harness.Start();
            var placed = new OrderPlaced
            {
                Change = Change("100", 1, ChangeKind.Insert), OrderId = "O-1", CustomerId = "C-1", Status = OrderStatuses.Placed, Total = 42.90m, Items = [],
            };
            var messageId = NewId.NextGuid();

            await harness.Bus.Publish(placed, c => c.MessageId = messageId, Cancel);
            await harness.Bus.Publish(placed, c => c.MessageId = messageId, Cancel);
            await harness.Bus.Publish(placed, Cancel);
            await Eventually.True(() => platform.Requests.Count == 1, "the award reached the platform", timeoutSeconds: 60);
            await harness.InactivityTask;
            await harness.Bus.Publish(new OrderCancelled
            {
                Change = Change("200", 2, ChangeKind.Modify), OrderId = "O-1", CustomerId = "C-1", PreviousStatus = OrderStatuses.Placed,
            }, Cancel);
            await Eventually.True(() => platform.Requests.Count == 2, "the revocation reached the platform", timeoutSeconds: 60);
            await harness.Bus.Publish(placed, Cancel);
            await Eventually.True(() => harness.Consumed.Select<OrderPlaced>().Count() == 3, "the late copy was consumed", timeoutSeconds: 60);
            await harness.InactivityTask;

            Assert.Equal(
                [("/points", "loyalty-award:evt-100:OrderPlaced", 42), ("/points", "loyalty-revoke:evt-200:OrderCancelled", -42)],
                platform.Requests.Select(r => (r.Path, r.Headers[WebhookSignature.IdempotencyKeyHeader],
                    JsonDocument.Parse(r.Body).RootElement.GetProperty("points").GetInt32())));
            Assert.All(platform.Requests, r => Assert.True(WebhookSignature.Verify(Secret,
                long.Parse(r.Headers[WebhookSignature.TimestampHeader], System.Globalization.CultureInfo.InvariantCulture), r.Body,
                r.Headers[WebhookSignature.SignatureHeader])));
            await using (var scope = provider.CreateAsyncScope())
            {
                var order = await scope.ServiceProvider.GetRequiredService<LoyaltyDbContext>().Orders.AsNoTracking().SingleAsync(Cancel);
                Assert.Equal((true, 0, "200"), (order.Cancelled, order.Points, order.LastSequence));
            }

            await harness.Stop(Cancel);
        }
        finally
        {
            await provider.DisposeAsync();
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
                File.Delete(file);
        }
    }

    private static ChangeMetadata Change(string sequence, long version, ChangeKind kind) => new()
    {
        SourceTable = "Orders",
        StreamEventId = $"evt-{sequence}",
        SequenceNumber = sequence,
        ApproximateCreationTime = new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero),
        EntityKey = "orderId=O-1",
        ItemVersion = version,
        ChangeKind = kind,
        Source = ChangeSource.DynamoDbStreams,
    };
}
