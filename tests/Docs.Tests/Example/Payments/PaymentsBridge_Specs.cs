using Bus.Contracts.Payments;
using Bus.StreamBridge.Hosting;
using Bus.StreamBridge.Pipeline;
using Bus.StreamBridge.Translation;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bus.Docs.Tests.Example.Payments;

/// <summary>The worked example of docs/extending.md: a new table's translator, registered beside the others and routed by
/// configuration, publishes its event from a captured batch through the bridge's real pipeline.</summary>
public sealed class PaymentsBridge_Specs
{
    [Fact]
    public async Task A_routed_payments_table_publishes_one_capture_with_its_deterministic_message_id()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Bridge:Tables:Payments:Translator"] = "Payments",
            ["Bridge:Tables:Payments:StreamViewType"] = "NEW_AND_OLD_IMAGES",
            ["Bridge:FailedRecords:Directory"] = Path.Combine(Path.GetTempPath(), "bus-docs-failed-" + Guid.NewGuid().ToString("N")),
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddStreamBridgeCore(configuration);
        services.AddSingleton<IChangeTranslator, PaymentsTranslator>();
        services.AddMassTransitTestHarness(x => x.SetTestTimeouts(testInactivityTimeout: TimeSpan.FromMilliseconds(200)));
        await using var provider = services.BuildServiceProvider(validateScopes: true);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();

        await using var batch = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Example", "Payments", "payments-capture.json"));
        using var response = new StreamReader(await provider.GetRequiredService<StreamBatchHandler>().HandleAsync(batch, TestContext.Current.CancellationToken));

        Assert.Equal("""{"batchItemFailures":[]}""", await response.ReadToEndAsync(TestContext.Current.CancellationToken));
        var published = Assert.Single(harness.Published.Select<PaymentCaptured>());
        Assert.Equal(MessageIds.For("8ef4152ee902d3b4c5d6e7f8091a2b3c", typeof(PaymentCaptured), 0), published.Context.MessageId);
        Assert.Equal(("PAY-1", "O-5001", 129.90m, "EUR", 2L, "paymentId=PAY-1"),
            (published.Context.Message.PaymentId, published.Context.Message.OrderId, published.Context.Message.Amount,
                published.Context.Message.Currency, published.Context.Message.Change.ItemVersion, published.Context.Message.Change.EntityKey));
        Assert.Single(harness.Published.Select(_ => true));
        await harness.Stop(TestContext.Current.CancellationToken);
    }
}
