using System.Collections.Concurrent;

namespace Bus.Messaging.Tests.Outbox;

/// <summary>What the consumers saw, shared by every bus instance of one test.</summary>
public sealed class TestProbe
{
    public ConcurrentDictionary<Guid, int> ConsumerCalls { get; } = new();
    public ConcurrentDictionary<Guid, int> Recorded { get; } = new();
    public ConcurrentDictionary<Guid, int> Audited { get; } = new();
    public ConcurrentQueue<string> IsolationLevels { get; } = new();

    /// <summary>Per MessageId, how many inbox/outbox transactions read its inbox row with the lock statement.</summary>
    public ConcurrentDictionary<Guid, int> InboxLocks { get; } = new();

    /// <summary>The OrderIds of delivered <see cref="OrderRecorded"/> events, in arrival order.</summary>
    public ConcurrentQueue<Guid> RecordedSequence { get; } = new();
    /// <summary>Consumer faults seen by consume observers (after the endpoint's retries).</summary>
    public ConcurrentQueue<Exception> Faults { get; } = new();

    /// <summary>Messages that failed for good and went to the error queue, whatever failed.</summary>
    public ConcurrentQueue<Exception> ReceiveFaults { get; } = new();

    /// <summary>How often an instance lost the race to insert an inbox row and started over.</summary>
#pragma warning disable CA1051 // Incremented with Interlocked, which needs a field.
    public int InsertRacesLost;
#pragma warning restore CA1051

    /// <summary>While closed, delivering an <see cref="OrderRecorded"/> to the broker fails.</summary>
    public bool DeliveryOpen { get; set; } = true;

    public int Calls(Guid orderId) => ConsumerCalls.GetValueOrDefault(orderId);
    public int RecordedCount(Guid orderId) => Recorded.GetValueOrDefault(orderId);
    public int AuditedCount(Guid orderId) => Audited.GetValueOrDefault(orderId);

    public static int Increment(ConcurrentDictionary<Guid, int> counts, Guid orderId) => counts.AddOrUpdate(orderId, 1, (_, n) => n + 1);
}
