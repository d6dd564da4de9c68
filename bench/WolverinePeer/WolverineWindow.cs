using System.Diagnostics.Metrics;
using Bus.ConsumerThroughput;
using Wolverine;

namespace Bus.WolverinePeer;

/// <summary>
/// The window on Wolverine, read from its own System.Diagnostics.Metrics counters (called inline, on the message's thread):
/// <c>wolverine-messages-received</c> when the handler pipeline takes a message of the domain queue, and
/// <c>wolverine-messages-succeeded</c> after the handler's transaction committed, the outbox was flushed to the broker and the
/// envelope was completed; <c>wolverine-dead-letter-queue</c> when one exhausted its retries.
/// </summary>
public sealed class WolverineWindow : MessageWindow, IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly string _queue;

    public WolverineWindow(string queue, int expected)
        : base(expected)
    {
        _queue = "/" + queue;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name.StartsWith("Wolverine", StringComparison.Ordinal)
                && instrument.Name is MetricsConstants.MessagesReceived or MetricsConstants.MessagesSucceeded or MetricsConstants.DeadLetterQueue)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<int>(OnMeasurement);
        _listener.Start();
    }

    public void Dispose() => _listener.Dispose();

    private void OnMeasurement(Instrument instrument, int value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        if (!IsDomain(tags))
            return;

        switch (instrument.Name)
        {
            case MetricsConstants.MessagesReceived: Start(); break;
            case MetricsConstants.MessagesSucceeded: Complete(); break;
            default: Fault(); break;
        }
    }

    // The queue is this run's own, so every message on it is one of the benchmark's.
    private bool IsDomain(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == MetricsConstants.MessageDestinationKey)
                return tag.Value is string destination && destination.EndsWith(_queue, StringComparison.Ordinal);
        }

        return false;
    }
}
