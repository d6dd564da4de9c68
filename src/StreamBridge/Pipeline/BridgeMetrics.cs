using System.Diagnostics.Metrics;

namespace Bus.StreamBridge.Pipeline;

/// <summary>
/// The bridge's metrics (meter <c>Bus.StreamBridge</c>): records by outcome, events published, batch size, and the
/// latency from the change in DynamoDB to the broker's confirmation.
/// </summary>
public sealed class BridgeMetrics
{
    public const string MeterName = "Bus.StreamBridge";

    private readonly Counter<long> _records;
    private readonly Counter<long> _events;
    private readonly Histogram<int> _batchSize;
    private readonly Histogram<double> _changeToPublish;

    public BridgeMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _records = meter.CreateCounter<long>("bus.bridge.records", "{record}", "Stream records by outcome: published, skipped, duplicate, stored, failed, not_attempted.");
        _events = meter.CreateCounter<long>("bus.bridge.events.published", "{event}", "Events published and confirmed by the broker.");
        _batchSize = meter.CreateHistogram<int>("bus.bridge.batch.size", "{record}", "Records per Lambda batch.");
        _changeToPublish = meter.CreateHistogram<double>("bus.bridge.change_to_publish", "ms", "From the change's approximate creation time to the broker's confirmation.");
    }

    public void Record(string outcome, int count = 1)
    {
        if (count > 0)
        {
            _records.Add(count, new KeyValuePair<string, object?>("outcome", outcome));
        }
    }

    public void EventPublished(string eventType, TimeSpan sinceChange)
    {
        _events.Add(1, new KeyValuePair<string, object?>("event.type", eventType));
        _changeToPublish.Record(Math.Max(0, sinceChange.TotalMilliseconds));
    }

    public void Batch(int size) => _batchSize.Record(size);
}
