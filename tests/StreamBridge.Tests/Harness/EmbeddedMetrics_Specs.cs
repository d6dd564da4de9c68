using System.Diagnostics.Metrics;
using System.Text;
using System.Text.Json;
using Bus.StreamBridge.Hosting;
using Bus.StreamBridge.Pipeline;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Bus.StreamBridge.Tests.Harness;

/// <summary>The Lambda handler's metrics in CloudWatch's embedded metric format, through the real registration.</summary>
public sealed class EmbeddedMetrics_Specs
{
    private const string FullSample = "dynamodb-new-and-old-images.json";

    private static readonly string[] RecordMetrics =
        ["RecordsPublished", "RecordsSkipped", "RecordsDuplicate", "RecordsStored", "RecordsFailed", "RecordsNotAttempted"];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_invocation_writes_one_document_whose_declared_metrics_hold_the_batch_counts()
    {
        var output = new StringWriter();
        await using var provider = Create(output);
        var harness = await StartAsync(provider);

        await Handle(provider, BridgeHarness.Sample(FullSample));

        var document = Assert.Single(Lines(output));
        var directive = document.GetProperty("_aws").GetProperty("CloudWatchMetrics").EnumerateArray().Single();
        Assert.Equal("Bus/Tests", directive.GetProperty("Namespace").GetString());
        Assert.Equal(["FunctionName"], directive.GetProperty("Dimensions").EnumerateArray().Single().EnumerateArray().Select(d => d.GetString()));
        Assert.Equal("bus-stream-bridge", document.GetProperty("FunctionName").GetString());
        // Every declared metric is a member of the root, as CloudWatch requires of a target member.
        foreach (var metric in directive.GetProperty("Metrics").EnumerateArray())
        {
            Assert.True(document.TryGetProperty(metric.GetProperty("Name").GetString()!, out _), metric.GetProperty("Name").GetString());
        }

        var published = harness.Published.Select(_ => true).Count();
        Assert.Equal(
            (18L, 0L, 0L, 0L, 0L, 0L, (long)published, 1L, 18L),
            (Long(document, "RecordsPublished"), Long(document, "RecordsSkipped"), Long(document, "RecordsDuplicate"),
                Long(document, "RecordsStored"), Long(document, "RecordsFailed"), Long(document, "RecordsNotAttempted"),
                Long(document, "EventsPublished"), Long(document, "Batches"), Long(document, "BatchRecords")));
        var latencies = document.GetProperty("ChangeToPublish").EnumerateArray().Select(v => v.GetDouble()).ToList();
        Assert.Equal(published, latencies.Count);
        Assert.Equal(latencies.Max(), document.GetProperty("ChangeToPublishMax").GetDouble());
    }

    [Fact]
    public async Task Each_invocation_reports_only_its_own_records()
    {
        var output = new StringWriter();
        await using var provider = Create(output);
        await StartAsync(provider);

        await Handle(provider, BridgeHarness.Sample(FullSample));
        await Handle(provider, new MemoryStream(Encoding.UTF8.GetBytes(BrokenBatch)));

        var documents = Lines(output);
        Assert.Equal(2, documents.Count);
        var second = documents[1];
        Assert.Equal((0L, 1L, 0L, 1L, 1L), (Long(second, "RecordsPublished"), Long(second, "RecordsStored"),
            Long(second, "EventsPublished"), Long(second, "Batches"), Long(second, "BatchRecords")));
        // No event was published, so no latency metric is declared or written.
        Assert.False(second.TryGetProperty("ChangeToPublish", out _));
        Assert.DoesNotContain(second.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0].GetProperty("Metrics").EnumerateArray(),
            m => m.GetProperty("Name").GetString() == "ChangeToPublish");
    }

    [Fact]
    public async Task The_writer_is_registered_only_when_a_namespace_is_configured()
    {
        await using (var without = BridgeHarness.Create())
        {
            Assert.Null(without.GetService<EmbeddedMetricsWriter>());
        }

        await using var with = BridgeHarness.Create(s => s["Bridge:CloudWatchMetricsNamespace"] = "Bus/StreamBridge");
        Assert.NotNull(with.GetService<EmbeddedMetricsWriter>());
    }

    [Theory]
    [InlineData("AWS/Lambda")]
    [InlineData("Bus|Bridge")]
    [InlineData(" ")]
    public async Task A_namespace_CloudWatch_would_refuse_fails_the_start(string name)
    {
        await using var provider = BridgeHarness.Create(s => s["Bridge:CloudWatchMetricsNamespace"] = name);

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<Bus.StreamBridge.Configuration.BridgeOptions>>().Value);
        Assert.Contains("CloudWatchMetricsNamespace", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void More_values_than_one_document_holds_are_spread_over_quantiles_keeping_minimum_and_maximum()
    {
        var values = Enumerable.Range(1, 1000).Select(i => (double)((i * 7919) % 1000 + 1)).ToList();

        var spread = EmbeddedMetricsWriter.Spread(values);

        Assert.Equal(EmbeddedMetricsWriter.MaxValues, spread.Count);
        Assert.Equal((1d, 1000d), (spread[0], spread[^1]));
        Assert.Equal(spread.Order(), spread);
        Assert.InRange(spread[49], 490, 510);
    }

    [Fact]
    public void Outcome_tags_become_metric_names()
    {
        Assert.Equal("RecordsNotAttempted", EmbeddedMetricsWriter.RecordsMetric("not_attempted"));
        Assert.Equal("RecordsPublished", EmbeddedMetricsWriter.RecordsMetric("published"));
    }

    private const string BrokenBatch = """
        {"Records":[{"eventID":"bad-1","eventName":"INSERT","eventSourceARN":"arn:aws:dynamodb:eu-west-1:1:table/Customers/stream/x",
        "dynamodb":{"ApproximateCreationDateTime":1793000000,"SequenceNumber":"700","StreamViewType":"NEW_IMAGE",
        "Keys":{"customerId":{"S":"C-9"}},"NewImage":{"customerId":{"S":"C-9"},"version":{"N":"1e999"}}}}]}
        """;

    private static ServiceProvider Create(StringWriter output) =>
        BridgeHarness.Create(
            s => s["Bridge:CloudWatchMetricsNamespace"] = "Bus/Tests",
            // Registered first, so the registration's own (standard output, no function name) is not added.
            s => s.AddSingleton(sp => new EmbeddedMetricsWriter(
                sp.GetRequiredService<IMeterFactory>(), "Bus/Tests", "bus-stream-bridge", output, TimeProvider.System)));

    private static List<JsonElement> Lines(StringWriter output) =>
        [.. output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement)];

    private static long Long(JsonElement document, string name) => document.GetProperty(name).GetInt64();

    private static async Task<ITestHarness> StartAsync(IServiceProvider provider)
    {
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        return harness;
    }

    private static async Task Handle(IServiceProvider provider, Stream input) =>
        await (await provider.GetRequiredService<StreamBatchHandler>().HandleAsync(input, Cancel)).DisposeAsync();
}
