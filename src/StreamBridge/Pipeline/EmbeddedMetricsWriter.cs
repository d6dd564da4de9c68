using System.Diagnostics.Metrics;
using System.Text.Json;

namespace Bus.StreamBridge.Pipeline;

/// <summary>
/// Writes the <see cref="BridgeMetrics"/> of each Lambda invocation as one CloudWatch embedded metric format (EMF) line:
/// CloudWatch Logs turns the line into metrics with no agent, SDK call or extra latency, which is how a Lambda function
/// publishes its own metrics. Enabled by <c>Bridge:CloudWatchMetricsNamespace</c>.
/// </summary>
/// <remarks>
/// It listens to the bridge's own meter (the one created by this host's <see cref="IMeterFactory"/>, so several hosts in
/// one process do not mix), sums between flushes, and <see cref="Flush"/> writes and resets. A flush with nothing
/// recorded writes nothing.
/// </remarks>
public sealed class EmbeddedMetricsWriter : IDisposable
{
    /// <summary>EMF allows at most 100 values per metric in one document.</summary>
    public const int MaxValues = 100;

    private static readonly string[] Outcomes = ["published", "skipped", "duplicate", "stored", "failed", "not_attempted"];

    private readonly Lock _gate = new();
    private readonly MeterListener _listener;
    private readonly string _namespace;
    private readonly string? _functionName;
    private readonly TextWriter _output;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, long> _records = new(StringComparer.Ordinal);
    private readonly List<double> _changeToPublish = [];
    private long _events;
    private long _batches;
    private long _batchRecords;

    public EmbeddedMetricsWriter(IMeterFactory meterFactory, string metricsNamespace, string? functionName, TextWriter output, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentException.ThrowIfNullOrWhiteSpace(metricsNamespace);
        _namespace = metricsNamespace;
        _functionName = string.IsNullOrEmpty(functionName) ? null : functionName;
        _output = output;
        _time = time;
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter.Scope, meterFactory) && instrument.Meter.Name == BridgeMetrics.MeterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _listener.SetMeasurementEventCallback<long>(OnLong);
        _listener.SetMeasurementEventCallback<int>((instrument, value, _, _) => OnBatchSize(instrument, value));
        _listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => OnChangeToPublish(instrument, value));
        _listener.Start();
    }

    /// <summary>Writes what was recorded since the last flush as one EMF line, then starts over.</summary>
    public void Flush()
    {
        string line;
        lock (_gate)
        {
            if (_batches == 0 && _events == 0 && _records.Count == 0)
            {
                return;
            }

            line = Document();
            _records.Clear();
            _changeToPublish.Clear();
            _events = _batches = _batchRecords = 0;
        }

        // One write of the whole line: CloudWatch Logs reads each line as one event, and the runtime may interleave writes.
        _output.Write(line + "\n");
        _output.Flush();
    }

    public void Dispose() => _listener.Dispose();

    private void OnLong(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        lock (_gate)
        {
            if (instrument.Name == "bus.bridge.events.published")
            {
                _events += value;
                return;
            }

            foreach (var tag in tags)
            {
                if (tag is { Key: "outcome", Value: string outcome })
                {
                    _records[outcome] = _records.GetValueOrDefault(outcome) + value;
                }
            }
        }
    }

    private void OnBatchSize(Instrument instrument, int value)
    {
        lock (_gate)
        {
            _batches++;
            _batchRecords += value;
        }
    }

    private void OnChangeToPublish(Instrument instrument, double value)
    {
        lock (_gate)
        {
            _changeToPublish.Add(value);
        }
    }

    private string Document()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("_aws");
            json.WriteNumber("Timestamp", _time.GetUtcNow().ToUnixTimeMilliseconds());
            json.WriteStartArray("CloudWatchMetrics");
            json.WriteStartObject();
            json.WriteString("Namespace", _namespace);
            json.WriteStartArray("Dimensions");
            json.WriteStartArray();
            if (_functionName is not null)
            {
                json.WriteStringValue("FunctionName");
            }

            json.WriteEndArray();
            json.WriteEndArray();
            json.WriteStartArray("Metrics");
            foreach (var outcome in Outcomes)
            {
                Metric(json, RecordsMetric(outcome), "Count");
            }

            Metric(json, "EventsPublished", "Count");
            Metric(json, "Batches", "Count");
            Metric(json, "BatchRecords", "Count");
            if (_changeToPublish.Count > 0)
            {
                Metric(json, "ChangeToPublish", "Milliseconds");
                Metric(json, "ChangeToPublishMax", "Milliseconds");
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();

            if (_functionName is not null)
            {
                json.WriteString("FunctionName", _functionName);
            }

            foreach (var outcome in Outcomes)
            {
                json.WriteNumber(RecordsMetric(outcome), _records.GetValueOrDefault(outcome));
            }

            json.WriteNumber("EventsPublished", _events);
            json.WriteNumber("Batches", _batches);
            json.WriteNumber("BatchRecords", _batchRecords);
            if (_changeToPublish.Count > 0)
            {
                json.WriteStartArray("ChangeToPublish");
                foreach (var value in Spread(_changeToPublish))
                {
                    json.WriteNumberValue(Math.Round(value, 1));
                }

                json.WriteEndArray();
                json.WriteNumber("ChangeToPublishMax", Math.Round(_changeToPublish.Max(), 1));
            }

            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary><c>published</c> → <c>RecordsPublished</c>, <c>not_attempted</c> → <c>RecordsNotAttempted</c>.</summary>
    internal static string RecordsMetric(string outcome) =>
        "Records" + string.Concat(outcome.Split('_').Select(part => char.ToUpperInvariant(part[0]) + part[1..]));

    /// <summary>
    /// All values when they fit in one document, else <see cref="MaxValues"/> evenly spaced quantiles (the minimum and the
    /// maximum included), so CloudWatch's percentiles of the batch keep their shape; its sample count is then 100.
    /// </summary>
    internal static IReadOnlyList<double> Spread(List<double> values)
    {
        if (values.Count <= MaxValues)
        {
            return values;
        }

        var sorted = values.ToArray();
        Array.Sort(sorted);
        var picked = new double[MaxValues];
        for (var i = 0; i < MaxValues; i++)
        {
            picked[i] = sorted[(int)Math.Round(i * (sorted.Length - 1) / (double)(MaxValues - 1))];
        }

        return picked;
    }

    private static void Metric(Utf8JsonWriter json, string name, string unit)
    {
        json.WriteStartObject();
        json.WriteString("Name", name);
        json.WriteString("Unit", unit);
        json.WriteEndObject();
    }
}
